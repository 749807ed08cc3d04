import { isReservedPath } from '../domain/reserved-paths.js';
import type { ImportByline, SectionPlace } from '../domain/import-plan.js';
import { slugify } from '../domain/slug.js';
import type { Db } from '../storage/database.js';
import { insertAuthorRow } from '../storage/repositories/author.repository.js';
import { listEditionRows } from '../storage/repositories/edition.repository.js';
import {
  importSourceRows,
  putImportSourceRow,
  type ImportScope,
} from '../storage/repositories/import-source.repository.js';
import { insertSectionRow, listSectionRows, nextSectionPosition } from '../storage/repositories/section.repository.js';
import { pageSlugTaken } from '../storage/repositories/page.repository.js';
import type { ImportReport } from './import-report.js';

/**
 * The sections and author profiles imported posts land in (records 0024, 0027), found or made as each post needs
 * them and remembered by the source's ids: a category by its slug (never by name: two may share one), an author by
 * the source's id for them (WordPress's login, Ghost's user id). A section is the site's own when one has the slug;
 * a reserved word, a page's or an edition's address gets a suffix ("about-2"), and the report says so. Authors
 * always get their own profile (an existing one with the same slug is someone else as far as the import can know):
 * "jane-2", said in the report.
 */
export interface Places {
  sectionOf(trx: Db, place: SectionPlace | null): Promise<number>;
  authorOf(trx: Db, byline: ImportByline): Promise<number>;
}

const taken = async (trx: Db, slug: string): Promise<boolean> =>
  isReservedPath(slug) ||
  (await pageSlugTaken(trx, slug, null)) ||
  (await listEditionRows(trx)).some((e) => e.prefix === `/${slug}/`);

/** `slug`, else `slug-2`, `slug-3`… the first one `free` accepts. */
export async function freeSlug(slug: string, free: (s: string) => Promise<boolean>): Promise<string> {
  if (await free(slug)) return slug;
  for (let n = 2; ; n++) {
    const candidate = `${slug.slice(0, 76)}-${n}`;
    if (await free(candidate)) return candidate;
  }
}

export async function createPlaces(
  db: Db,
  scope: ImportScope,
  report: ImportReport,
  defaultSection: string,
): Promise<Places> {
  const categories = await importSourceRows(db, scope, 'category');
  const authors = await importSourceRows(db, scope, 'author');
  const sectionIds = new Map<string, number>();
  const authorIds = new Map<string, number>();

  const sectionFor = async (trx: Db, slug: string, name: string, parentId: number | null): Promise<number> => {
    const key = slug;
    const cached = sectionIds.get(key);
    if (cached !== undefined) return cached;
    const known = categories.get(key)?.target_id;
    const rows = await listSectionRows(trx);
    if (known !== undefined && rows.some((r) => r.id === known)) {
      sectionIds.set(key, known);
      report.count('section', 'unchanged');
      return known;
    }
    const own = slugify(slug, 40);
    const found = isReservedPath(own) ? undefined : rows.find((r) => r.slug === own);
    let id: number;
    if (found) {
      id = found.id;
      report.count('section', 'unchanged');
    } else {
      const free = await freeSlug(own, async (s) => !rows.some((r) => r.slug === s) && !(await taken(trx, s)));
      if (free !== own)
        report.downgrade('section', name, `its address /${own}/ is taken or kept by the site, so it is /${free}/`);
      id = await insertSectionRow(trx, {
        slug: free,
        name: name.slice(0, 80),
        parent_id: parentId,
        position: await nextSectionPosition(trx),
      });
      report.count('section', 'created');
    }
    sectionIds.set(key, id);
    await putImportSourceRow(trx, scope, 'category', { source_id: key, target_id: id, digest: '' }, Date.now());
    return id;
  };

  return {
    async sectionOf(trx, place) {
      if (place === null) {
        const rows = await listSectionRows(trx);
        const chosen = rows.find((r) => r.slug === defaultSection) ?? rows.find((r) => r.parent_id === null);
        if (chosen) return chosen.id;
        // A site with no section at all: the default section is made, as the issue asks.
        return sectionFor(trx, 'news', 'News', null);
      }
      const top = await sectionFor(trx, place.top.slug, place.top.name, null);
      return place.sub ? sectionFor(trx, place.sub.slug, place.sub.name, top) : top;
    },
    async authorOf(trx, { sourceId, slug: given, name, bio = '', links = {} }) {
      const cached = authorIds.get(sourceId);
      if (cached !== undefined) return cached;
      const known = authors.get(sourceId)?.target_id;
      if (known !== undefined) {
        const exists = await trx.selectFrom('author').select('id').where('id', '=', known).executeTakeFirst();
        if (exists) {
          authorIds.set(sourceId, known);
          report.count('author', 'unchanged');
          return known;
        }
      }
      const wanted = slugify(given, 60);
      let id: number | undefined;
      let slug = wanted;
      for (let n = 1; id === undefined; n++) {
        slug = n === 1 ? wanted : `${wanted}-${n}`;
        id = await insertAuthorRow(trx, {
          slug,
          name: name.slice(0, 100) || given,
          bio: bio.slice(0, 1000),
          job_title: '',
          photo_media_id: null,
          links: JSON.stringify(links),
        });
      }
      if (slug !== wanted)
        report.downgrade('author', name, `the slug ${wanted} belongs to another profile, so this one is ${slug}`);
      report.count('author', 'created');
      authorIds.set(sourceId, id);
      await putImportSourceRow(trx, scope, 'author', { source_id: sourceId, target_id: id, digest: '' }, Date.now());
      return id;
    },
  };
}
