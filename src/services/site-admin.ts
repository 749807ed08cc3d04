import { z } from 'zod';
import { SiteSettingsSchema, type PublisherImage, type SiteSettings } from '../domain/settings.js';
import { isReservedPath } from '../domain/reserved-paths.js';
import { isSlug } from '../domain/slug.js';
import type { Db } from '../storage/database.js';
import {
  insertSectionRow,
  listSectionRows,
  nextSectionPosition,
  updateSectionRow,
} from '../storage/repositories/section.repository.js';
import { bumpContentVersion, writeSettingRow } from '../storage/repositories/site.repository.js';
import { sectionNameRowsWithSlug, updateEditionRow } from '../storage/repositories/edition.repository.js';
import { firstEditionWithSettings, loadEditions } from './edition-admin.js';
import { fieldErrorsOf, InvalidInput } from './errors.js';
import { pageHasSlug } from './publication-pages.js';
import type { SiteContext } from './site-context.js';
import { queueNewSectionTag } from './tag-webhooks.js';

const SETTINGS_FIELDS = [
  'publicationName',
  'shortName',
  'timeZone',
  'timeZoneLabel',
  'language',
  'baseUrl',
  'tagline',
  'twitterHandle',
  'sameAs',
  'feedContent',
  'defaultSection',
] as const;
const SettingsFormSchema = SiteSettingsSchema.pick(
  Object.fromEntries(SETTINGS_FIELDS.map((k) => [k, true])) as { [K in (typeof SETTINGS_FIELDS)[number]]: true },
);

/** "name", "@name" or an x.com/twitter.com address all mean "@name"; anything else is left for the schema to refuse. */
const twitterHandleOf = (typed: string): string => {
  const handle = typed.replace(/^https?:\/\/(www\.)?(x|twitter)\.com\//i, '').replace(/^@/, '');
  return handle === '' ? '' : `@${handle}`;
};

/** The sameAs field: one address a line (or separated by spaces). */
const linesOf = (typed: string): string[] => typed.split(/\s+/).filter((l) => l !== '');

/** Validates every field, then stores them all in one transaction: a bad value changes nothing. */
export const saveSiteSettings = async (
  db: Db,
  input: Record<string, unknown>,
  /** Settings the environment fixes (DATELINE_BASE_URL): checked like the others, but not stored. */
  unstored: readonly string[] = [],
): Promise<Pick<SiteSettings, (typeof SETTINGS_FIELDS)[number]>> => {
  const text = (k: string): string => (typeof input[k] === 'string' ? (input[k] as string).trim() : '');
  const values: Record<string, unknown> = Object.fromEntries(SETTINGS_FIELDS.map((k) => [k, text(k)]));
  values.twitterHandle = twitterHandleOf(text('twitterHandle'));
  values.sameAs = linesOf(text('sameAs'));
  // A form from before the choice existed sends none: whole articles, the default.
  values.feedContent = text('feedContent') || 'full';
  // Empty: the first top-level section. Otherwise a section of the site's own (first) edition, by its slug.
  if (values.defaultSection !== '' && !(await listSectionRows(db)).some((s) => s.slug === values.defaultSection)) {
    throw new InvalidInput({ defaultSection: 'Choose one of the sections.' });
  }
  const parsed = SettingsFormSchema.safeParse(values);
  if (!parsed.success) throw new InvalidInput(fieldErrorsOf(parsed.error));
  // The names and language are the first edition's too (record 0014): checked by its rules, written with the rows.
  const first = await firstEditionWithSettings(db, parsed.data);
  await db.transaction().execute(async (trx) => {
    for (const k of SETTINGS_FIELDS) if (!unstored.includes(k)) await writeSettingRow(trx, k, parsed.data[k]);
    if (first) await updateEditionRow(trx, first.id, first);
    await bumpContentVersion(trx);
  });
  return parsed.data;
};

/** Sets (or, with null, removes) the publisher's logo or icon: an image already stored in the library. */
export const savePublisherImage = async (db: Db, which: 'logo' | 'icon', image: PublisherImage | null) => {
  await db.transaction().execute(async (trx) => {
    await writeSettingRow(trx, which, image);
    await bumpContentVersion(trx);
  });
};

const SectionSchema = z.object({
  name: z.string().trim().min(1, 'Name the section.').max(60, 'Keep the name under 60 characters.'),
  slug: z
    .string()
    .trim()
    .refine(isSlug, 'Use lower-case letters, digits and dashes.')
    .refine((s) => !isReservedPath(s), 'That address is taken by the site.'),
  parent: z.string(),
  position: z.string().regex(/^\d{0,4}$/, 'Use a whole number.'),
});

/**
 * Adds a section (or subsection of a top-level one) or renames and moves the one with that slug. Given the site it is
 * added to, a new section is announced to `tag.added` webhooks (the Content API lists sections as tags).
 */
export const saveSection = async (
  db: Db,
  input: Record<string, unknown>,
  announce?: { site: SiteContext; at: Date },
): Promise<void> => {
  const parsed = SectionSchema.safeParse({
    name: String(input.name ?? ''),
    slug: String(input.slug ?? ''),
    parent: String(input.parent ?? ''),
    position: String(input.position ?? ''),
  });
  if (!parsed.success) throw new InvalidInput(fieldErrorsOf(parsed.error));
  const { name, slug, parent, position } = parsed.data;
  // A top-level section's front would sit where an edition's home is.
  if (parent === '' && (await loadEditions(db)).some((e) => e.prefix === `/${slug}/`)) {
    throw new InvalidInput({ slug: `/${slug}/ is an edition’s address; choose another.` });
  }
  // A section's front would hide the page at the same address (sections are looked up first).
  if (await pageHasSlug(db, slug)) {
    throw new InvalidInput({ slug: `A page already has the address /${slug}/; choose another.` });
  }
  const rows = await listSectionRows(db);
  const parentRow = parent === '' ? null : rows.find((r) => r.slug === parent && r.parent_id === null);
  if (parent !== '' && !parentRow) throw new InvalidInput({ parent: 'Choose a top-level section, or none.' });
  const existing = rows.find((r) => r.slug === slug);
  // A new section's own slug is its address in every edition that does not name it: one may have it already.
  const named = existing ? undefined : (await sectionNameRowsWithSlug(db, slug))[0];
  if (named)
    throw new InvalidInput({
      slug: `In the ${named.language} edition, ${named.name} already has the address ${slug}; choose another.`,
    });
  if (existing && parentRow && existing.id === parentRow.id)
    throw new InvalidInput({ parent: 'A section cannot be its own parent.' });
  if (existing && parentRow && rows.some((r) => r.parent_id === existing.id)) {
    throw new InvalidInput({ parent: 'This section has subsections, so it must stay top-level.' });
  }
  await db.transaction().execute(async (trx) => {
    const at = position === '' ? (existing?.position ?? (await nextSectionPosition(trx))) : Number(position);
    const values = { name, slug, parent_id: parentRow?.id ?? null, position: at };
    if (existing) await updateSectionRow(trx, existing.id, values);
    else {
      const id = await insertSectionRow(trx, values);
      const section = { id, slug, name, position: at, parentId: values.parent_id };
      if (announce) await queueNewSectionTag(trx, announce.site, section, announce.at);
    }
    await bumpContentVersion(trx);
  });
};
