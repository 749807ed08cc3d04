import type { Section } from '../domain/article.js';
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
import { isReservedPath } from '../domain/reserved-paths.js';
import { DEFAULT_SETTINGS } from '../domain/settings.js';
import { isSlug } from '../domain/slug.js';
import type { Db } from '../storage/database.js';
import {
  editionArticleCountRows,
  insertEditionRow,
  listEditionRows,
  nextEditionPosition,
  replaceSectionNameRows,
  sectionNameRows,
  updateEditionRow,
} from '../storage/repositories/edition.repository.js';
import { listPageRows } from '../storage/repositories/page.repository.js';
import { listSectionRows } from '../storage/repositories/section.repository.js';
import { bumpContentVersion, writeSettingRow } from '../storage/repositories/site.repository.js';
import { InvalidInput, NotFound, type FieldErrors } from './errors.js';

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
  const checked = validateEdition(draftOf(input, context.isFirst, siteLabel), context);
  if (!checked.ok) throw new InvalidInput(checked.fields);
  const { language, prefix, ...settings } = checked.edition;
  const saved = await db.transaction().execute(async (trx) => {
    let savedId: number | undefined;
    if (editing) {
      if (await updateEditionRow(trx, editing.id, { language, prefix, settings: settingsJson(settings) }))
        savedId = editing.id;
    } else {
      const position = await nextEditionPosition(trx);
      savedId = await insertEditionRow(trx, { language, prefix, position, settings: settingsJson(settings) });
    }
    if (savedId === undefined) return undefined;
    if (context.isFirst) for (const key of SHARED_WITH_SETTINGS) await writeSettingRow(trx, key, checked.edition[key]);
    await bumpContentVersion(trx);
    return savedId;
  });
  // The unique keys refused it: another admin took the language or the prefix between the check and the write.
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

/** A section's name and address in one edition: its own, or the section's where the edition has none. */
export interface SectionNameEntry {
  section: Section;
  parent: Section | null;
  /** What the edition has stored; empty: the section's own serves. */
  name: string;
  slug: string;
}

const sectionOfRow = (r: Awaited<ReturnType<typeof listSectionRows>>[number]): Section => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  position: r.position,
  parentId: r.parent_id,
});

/** Every section with its name and slug in a non-first edition, for the form. */
export async function sectionNamesOf(db: Db, editionId: number): Promise<SectionNameEntry[]> {
  const [sections, names] = await Promise.all([listSectionRows(db), sectionNameRows(db, editionId)]);
  const byId = new Map(sections.map((s) => [s.id, sectionOfRow(s)]));
  const stored = new Map(names.map((n) => [n.section_id, n]));
  return sections.map((row) => {
    const section = byId.get(row.id)!;
    const own = stored.get(row.id);
    return {
      section,
      parent: row.parent_id === null ? null : (byId.get(row.parent_id) ?? null),
      name: own?.name ?? '',
      slug: own?.slug ?? '',
    };
  });
}

/** The edition an admin may name sections in: any but the first, whose names are the sections' own. */
export async function namingEdition(db: Db, id: number): Promise<Edition> {
  const editions = await loadEditions(db);
  const edition = editions.find((e) => e.id === id);
  if (!edition) throw new NotFound('edition', `There is no edition ${id}.`);
  if (edition === firstEdition(editions))
    throw new InvalidInput({
      form: 'The first edition uses the sections’ own names and addresses: change them on the Sections page.',
    });
  return edition;
}

/**
 * Stores an edition's section names from the form (`name_<id>`, `slug_<id>`), all or none. An empty name or slug
 * takes the section's own; both empty removes the edition's row. A slug must be unique among the edition's
 * sections (their own slugs where they have none here), and never a reserved path, an edition's prefix or, for a
 * top-level section, a page's address.
 */
export async function saveSectionNames(db: Db, editionId: number, input: Record<string, unknown>): Promise<void> {
  await namingEdition(db, editionId);
  const [sections, editions, pages] = await Promise.all([listSectionRows(db), loadEditions(db), listPageRows(db)]);
  const prefixes = new Set(editions.map((e) => e.prefix.slice(1, -1)).filter((s) => s !== ''));
  const pageSlugs = new Set(pages.map((p) => p.slug));
  const errors: FieldErrors = {};
  const rows: { section_id: number; name: string; slug: string }[] = [];
  for (const s of sections) {
    const name = textOf(input, `name_${s.id}`);
    const slug = textOf(input, `slug_${s.id}`).toLowerCase();
    if (name === '' && slug === '') continue;
    if (name.length > 60) errors[`name_${s.id}`] = 'Keep the name under 60 characters.';
    if (slug !== '' && !isSlug(slug)) errors[`slug_${s.id}`] = 'Use lower-case letters, digits and dashes.';
    else if (isReservedPath(slug)) errors[`slug_${s.id}`] = 'That address is taken by the site.';
    else if (prefixes.has(slug)) errors[`slug_${s.id}`] = `/${slug}/ is an edition’s prefix; choose another.`;
    else if (s.parent_id === null && slug !== '' && pageSlugs.has(slug))
      errors[`slug_${s.id}`] = `A page already has the address /${slug}/; choose another.`;
    rows.push({ section_id: s.id, name: name || s.name, slug: slug || s.slug });
  }
  // Every section's address in this edition: its row's, else its own.
  const named = new Map(rows.map((r) => [r.section_id, r.slug]));
  const holders = new Map<string, number[]>();
  for (const s of sections) {
    const slug = named.get(s.id) ?? s.slug;
    holders.set(slug, [...(holders.get(slug) ?? []), s.id]);
  }
  for (const [slug, ids] of holders) {
    if (ids.length < 2) continue;
    for (const id of ids) {
      if (!named.has(id) || errors[`slug_${id}`]) continue;
      const other = sections.find((s) => s.id !== id && ids.includes(s.id))!;
      errors[`slug_${id}`] = `The ${other.name} section has the address ${slug} in this edition; choose another.`;
    }
  }
  if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
  await db.transaction().execute(async (trx) => {
    await replaceSectionNameRows(trx, editionId, rows);
    await bumpContentVersion(trx);
  });
}
