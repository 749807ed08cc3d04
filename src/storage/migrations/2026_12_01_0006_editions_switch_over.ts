import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * The switch-over to editions (issue 13, docs/architecture/0014-editions.md): from here on reader pages take the
 * publication name, short name, tagline, zone label and language from the first edition, and the Settings page
 * writes them there too. Migration 0005 made the first edition from the settings as they were then; whatever an
 * editor changed on the Settings page since is copied into it now, once, so that nothing a reader sees moves.
 *
 * Only a stored setting that would validate is copied (the rules of 0005, which are settings.ts's as they were); the
 * wordings and date style stay as they are. The language moves only to a tag no other edition has.
 */
export const up = async (db: Kysely<unknown>, _dialect: Dialect): Promise<void> => {
  const typed = db.withTables<{
    setting: { key: string; value: string };
    edition: { id: number; language: string; prefix: string; position: number; settings: string };
  }>();
  const editions = await typed.selectFrom('edition').selectAll().orderBy('position').orderBy('id').execute();
  const first = editions[0];
  if (!first) return;
  const rows = await typed
    .selectFrom('setting')
    .select(['key', 'value'])
    .where('key', 'in', ['publicationName', 'shortName', 'tagline', 'timeZoneLabel', 'language'])
    .execute();
  const stored = new Map<string, unknown>();
  for (const row of rows) {
    try {
      stored.set(row.key, JSON.parse(row.value));
    } catch {
      // Unreadable: the edition keeps what it has.
    }
  }
  let settings: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(first.settings);
    if (typeof parsed === 'object' && parsed !== null) settings = parsed as Record<string, unknown>;
  } catch {
    // The edition's own reader falls back field by field; the copied names are still worth keeping.
  }
  const limits: Record<string, [number, number]> = {
    publicationName: [1, 120],
    shortName: [1, 20],
    tagline: [0, 200],
    timeZoneLabel: [1, 10],
  };
  for (const [key, [min, max]] of Object.entries(limits)) {
    const value = stored.get(key);
    if (typeof value === 'string' && value.length >= min && value.length <= max) settings[key] = value;
  }
  let language = first.language;
  const storedLanguage = stored.get('language');
  if (typeof storedLanguage === 'string' && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(storedLanguage)) {
    try {
      const canonical = Intl.getCanonicalLocales(storedLanguage)[0];
      if (canonical && !editions.some((e) => e.id !== first.id && e.language.toLowerCase() === canonical.toLowerCase()))
        language = canonical;
    } catch {
      // A tag the settings' pattern let through but Intl does not take: the edition keeps its own.
    }
  }
  await typed
    .updateTable('edition')
    .set({ language, settings: JSON.stringify(settings) })
    .where('id', '=', first.id)
    .execute();
};
