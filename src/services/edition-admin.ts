import {
  defaultEditionSettings,
  firstEdition,
  mergeEditionSettings,
  ROOT_PREFIX,
  validateEdition,
  type Edition,
  type EditionSettings,
  type PrefixContext,
} from '../domain/edition.js';
import { DEFAULT_SETTINGS } from '../domain/settings.js';
import type { Db } from '../storage/database.js';
import {
  articleEditionRows,
  editionArticleCountRows,
  insertEditionRow,
  listEditionRows,
  nextEditionPosition,
  updateEditionRow,
} from '../storage/repositories/edition.repository.js';
import { listPageRows } from '../storage/repositories/page.repository.js';
import { listSectionRows } from '../storage/repositories/section.repository.js';
import { bumpContentVersion, writeSettingRow } from '../storage/repositories/site.repository.js';
import { InvalidInput, NotFound } from './errors.js';

/**
 * The newsroom's side of editions (issue 13; docs/architecture/0014-editions.md): an admin adds and words
 * editions and names the sections in each. The rules are the domain's (validateEdition, prefixProblem); this reads
 * what they are checked against and writes in one transaction, moving the content version, since every reader page
 * prints an edition's names.
 */

/** The fields of an edition's form, in its order. */
export const EDITION_FIELDS = [
  'language',
  'prefix',
  'publicationName',
  'shortName',
  'tagline',
  'timeZoneLabel',
  'dateStyle',
  'topArticlesHeading',
  'rankingHeading',
] as const;

/** The fields the Settings page and the first edition share: a save of either writes both (record 0014). */
export const SHARED_WITH_SETTINGS = ['publicationName', 'shortName', 'tagline', 'timeZoneLabel', 'language'] as const;

type EditionRow = Awaited<ReturnType<typeof listEditionRows>>[number];

/** A stored edition, its settings read field by field over its language's defaults. */
export const editionOfRow = (row: EditionRow): Edition => {
  let stored: unknown = null;
  try {
    stored = JSON.parse(row.settings);
  } catch {
    // Unreadable: the defaults stand, as they do for site settings.
  }
  const base = defaultEditionSettings(row.language, {
    publicationName: DEFAULT_SETTINGS.publicationName,
    shortName: DEFAULT_SETTINGS.shortName,
    tagline: DEFAULT_SETTINGS.tagline,
    timeZoneLabel: DEFAULT_SETTINGS.timeZoneLabel,
  });
  return {
    ...mergeEditionSettings(stored, base),
    id: row.id,
    language: row.language,
    prefix: row.prefix,
    position: row.position,
  };
};

/** Every edition, the first (the one at /) first. */
export const loadEditions = async (db: Db): Promise<Edition[]> => (await listEditionRows(db)).map(editionOfRow);

export interface EditionListEntry {
  edition: Edition;
  isFirst: boolean;
  /** Articles in the edition, whatever their status. */
  articles: number;
}

export const listEditionsWithCounts = async (db: Db): Promise<EditionListEntry[]> => {
  const [editions, counts] = await Promise.all([loadEditions(db), editionArticleCountRows(db)]);
  const first = firstEdition(editions);
  const byEdition = new Map(counts.map((c) => [c.edition_id, Number(c.count)]));
  return editions.map((edition) => ({
    edition,
    isFirst: edition === first,
    articles: byEdition.get(edition.id) ?? 0,
  }));
};

/** What a prefix and a language are checked against: the other editions, and the addresses sections and pages hold. */
const checkContext = async (
  db: Db,
  editions: readonly Edition[],
  editing: Edition | null,
): Promise<PrefixContext & { otherLanguages: string[] }> => {
  const [sections, pages] = await Promise.all([listSectionRows(db), listPageRows(db)]);
  const others = editions.filter((e) => e.id !== editing?.id);
  return {
    isFirst: editing !== null && editing === firstEdition(editions),
    otherPrefixes: others.map((e) => e.prefix),
    otherLanguages: others.map((e) => e.language),
    takenSegments: new Set([
      ...sections.filter((s) => s.parent_id === null).map((s) => s.slug.toLowerCase()),
      ...pages.map((p) => p.slug.toLowerCase()),
    ]),
  };
};

const textOf = (input: Record<string, unknown>, key: string): string =>
  typeof input[key] === 'string' ? (input[key] as string).trim() : '';

/**
 * An edition form's values, with what was left empty filled in: the wordings and date style from the language's
 * defaults (defaultEditionSettings), the zone label from the site's. The first edition's prefix is always /.
 */
const draftOf = (input: Record<string, unknown>, isFirst: boolean, siteZoneLabel: string): Record<string, string> => {
  const typed = Object.fromEntries(EDITION_FIELDS.map((k) => [k, textOf(input, k)]));
  const defaults = defaultEditionSettings(typed.language!, {
    publicationName: typed.publicationName!,
    shortName: typed.shortName!,
    tagline: typed.tagline!,
    timeZoneLabel: typed.timeZoneLabel || siteZoneLabel,
  });
  const filled: Record<string, string> = { ...typed, timeZoneLabel: defaults.timeZoneLabel };
  for (const key of ['dateStyle', 'topArticlesHeading', 'rankingHeading'] as const)
    if (filled[key] === '') filled[key] = defaults[key];
  if (isFirst) filled.prefix = ROOT_PREFIX;
  return filled;
};

const settingsJson = (e: EditionSettings): string =>
  JSON.stringify({
    publicationName: e.publicationName,
    shortName: e.shortName,
    tagline: e.tagline,
    timeZoneLabel: e.timeZoneLabel,
    dateStyle: e.dateStyle,
    topArticlesHeading: e.topArticlesHeading,
    rankingHeading: e.rankingHeading,
  });

/**
 * Adds an edition (id null) or changes one, after every check; answers its id. The first edition's names and
 * language are the site settings' too, so they are written there as well, in the same transaction.
 * Throws InvalidInput (by field) or NotFound; nothing is written then.
 */
export async function saveEdition(db: Db, id: number | null, input: Record<string, unknown>): Promise<number> {
  const editions = await loadEditions(db);
  const editing = id === null ? null : (editions.find((e) => e.id === id) ?? null);
  if (id !== null && !editing) throw new NotFound('edition', `There is no edition ${id}.`);
  const context = await checkContext(db, editions, editing);
  const siteLabel = firstEdition(editions)?.timeZoneLabel ?? DEFAULT_SETTINGS.timeZoneLabel;
  const draft = draftOf(input, context.isFirst, siteLabel);
  const checked = validateEdition(draft, context);
  if (!checked.ok) throw new InvalidInput(checked.fields);
  const { language, prefix, ...settings } = checked.edition;
  const write = () =>
    db.transaction().execute(async (trx) => {
      let savedId: number | undefined;
      if (editing) {
        if (!(await updateEditionRow(trx, editing.id, { language, prefix, settings: settingsJson(settings) })))
          throw new NotFound('edition', `There is no edition ${editing.id}.`);
        savedId = editing.id;
      } else {
        const position = await nextEditionPosition(trx);
        savedId = await insertEditionRow(trx, { language, prefix, position, settings: settingsJson(settings) });
      }
      if (savedId === undefined) return undefined;
      if (context.isFirst)
        for (const key of SHARED_WITH_SETTINGS) await writeSettingRow(trx, key, checked.edition[key]);
      await bumpContentVersion(trx);
      return savedId;
    });
  let saved: number | undefined;
  try {
    saved = await write();
  } catch (error) {
    if (error instanceof NotFound) throw error;
    // A unique key refused the update: another admin took the language or the prefix since the check. Say which.
    const fresh = await loadEditions(db);
    const again = validateEdition(draft, await checkContext(db, fresh, fresh.find((e) => e.id === id) ?? null));
    if (!again.ok) throw new InvalidInput(again.fields);
    throw error;
  }
  // The insert's unique keys refused it (DO NOTHING), for the same reason.
  if (saved === undefined) throw new InvalidInput({ form: 'Another edition took that language or prefix; reload.' });
  return saved;
}

/**
 * The first edition's side of a Settings save: the shared fields as the Settings page typed them, checked by the
 * edition's rules (a language another edition is in is refused there too), or InvalidInput by field. Undefined
 * when there is no edition to write (a schema before editions).
 */
export async function firstEditionWithSettings(
  db: Db,
  values: Pick<EditionSettings, 'publicationName' | 'shortName' | 'tagline' | 'timeZoneLabel'> & { language: string },
): Promise<{ id: number; language: string; prefix: string; settings: string } | undefined> {
  const editions = await loadEditions(db);
  const first = firstEdition(editions);
  if (!first) return undefined;
  const checked = validateEdition({ ...first, ...values }, await checkContext(db, editions, first));
  if (!checked.ok) {
    const shared = Object.entries(checked.fields).filter(([k]) =>
      (SHARED_WITH_SETTINGS as readonly string[]).includes(k),
    );
    throw new InvalidInput(Object.fromEntries(shared.length > 0 ? shared : Object.entries(checked.fields)));
  }
  const { language, prefix, ...settings } = checked.edition;
  return { id: first.id, language, prefix, settings: settingsJson(settings) };
}

/** The edition language of each of `ids` that exists, for the newsroom's lists on a site with several editions. */
export async function editionLanguagesOf(
  db: Db,
  editions: readonly Edition[],
  ids: readonly number[],
): Promise<Map<number, string>> {
  const language = new Map(editions.map((e) => [e.id, e.language]));
  return new Map((await articleEditionRows(db, ids)).map((r) => [r.id, language.get(r.edition_id) ?? '']));
}
