import type { Section } from '../domain/article.js';
import { firstEdition, type Edition } from '../domain/edition.js';
import { isReservedPath } from '../domain/reserved-paths.js';
import { isSlug } from '../domain/slug.js';
import type { Db } from '../storage/database.js';
import { replaceSectionNameRows, sectionNameRows } from '../storage/repositories/edition.repository.js';
import { listPageRows } from '../storage/repositories/page.repository.js';
import { listSectionRows } from '../storage/repositories/section.repository.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';
import { loadEditions } from './edition-admin.js';
import { InvalidInput, NotFound, type FieldErrors } from './errors.js';

/**
 * Sections are shared by the editions; an edition other than the first may name them, and address them, in its own
 * words (issue 13; section_name). The first edition's names are the sections' own, kept on the Sections page.
 */

const textOf = (input: Record<string, unknown>, key: string): string =>
  typeof input[key] === 'string' ? (input[key] as string).trim() : '';

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
