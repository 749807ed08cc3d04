import type { MediaRef } from '../domain/article.js';
import { listEditionRows } from '../storage/repositories/edition.repository.js';
import { imageIdsOf, storedBody } from '../domain/body.js';
import {
  isPageStatus,
  pageSlugProblem,
  publicationPagePath,
  type PageStatus,
  type PublicationPage,
} from '../domain/publication-page.js';
import type { Db } from '../storage/database.js';
import { findMediaRows } from '../storage/repositories/media.repository.js';
import {
  findPageRow,
  findPageRowBySlug,
  footerPageRows,
  listPageRows,
  pageSlugTaken,
  replaceFooterPositions,
  type PageRow,
} from '../storage/repositories/page.repository.js';
import { findSectionRowBySlug } from '../storage/repositories/section.repository.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';
import { InvalidInput } from './errors.js';
import { mainPhotoFromRow } from './main-photo-from-row.js';

/** A stored status that is no longer one reads as a draft: never shown to readers by mistake. */
const statusOf = (raw: string): PageStatus => (isPageStatus(raw) ? raw : 'draft');

export const toPublicationPage = (row: PageRow): PublicationPage => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  body: storedBody(row.body),
  status: statusOf(row.status),
  photo: mainPhotoFromRow(row),
  footerPosition: row.footer_position,
  revision: row.revision,
  createdAt: new Date(row.created_at),
  publishedAt: row.published_at === null ? null : new Date(row.published_at),
  modifiedAt: new Date(row.modified_at),
});

/** One line of the newsroom's Pages list. */
export interface PageListEntry {
  id: number;
  slug: string;
  title: string;
  status: PageStatus;
  footerPosition: number | null;
  modifiedAt: Date;
}

export const listPublicationPages = async (db: Db): Promise<PageListEntry[]> =>
  (await listPageRows(db)).map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    status: statusOf(r.status),
    footerPosition: r.footer_position,
    modifiedAt: new Date(r.modified_at),
  }));

export const loadPublicationPage = async (db: Db, id: number): Promise<PublicationPage | null> => {
  const row = await findPageRow(db, id);
  return row ? toPublicationPage(row) : null;
};

/** What the reader's page shows: the page, and the images its body places (an image since removed drops out). */
export interface PublishedPageData {
  page: PublicationPage;
  bodyMedia: Map<number, MediaRef>;
}

/** The published page at this slug; null for none, or a draft (readers never see one). */
export const loadPublishedPage = async (db: Db, slug: string): Promise<PublishedPageData | null> => {
  const row = await findPageRowBySlug(db, slug);
  if (!row || statusOf(row.status) !== 'published') return null;
  const page = toPublicationPage(row);
  const media = await findMediaRows(db, [...new Set(imageIdsOf(page.body))]);
  return {
    page,
    bodyMedia: new Map(media.map((m) => [m.id, { mediaId: m.id, hash: m.hash, width: m.width, height: m.height }])),
  };
};

/** The footer's pages: published ones the admin chose, in their order. Read once per content version. */
export const loadFooterPages = async (db: Db): Promise<{ title: string; path: string }[]> =>
  (await footerPageRows(db)).map((r) => ({ title: r.title, path: publicationPagePath(r.slug) }));

/**
 * Why this slug cannot be the page's (`pageId`, null for a new page): its form, the router's reserved words, a
 * section (any level: a subsection can be moved to the top, where it would hide the page), an edition's prefix
 * (issue 13: /ja/ is the Japanese edition's home), another page.
 */
export const pageSlugClash = async (db: Db, slug: string, pageId: number | null): Promise<string | null> => {
  const problem = pageSlugProblem(slug);
  if (problem) return problem;
  if (await findSectionRowBySlug(db, slug)) return `A section already has the address /${slug}/; choose another.`;
  if ((await listEditionRows(db)).some((e) => e.prefix === `/${slug}/`))
    return `An edition of the site is at /${slug}/; choose another address.`;
  if (await pageSlugTaken(db, slug, pageId)) return `Another page already has the address /${slug}/; choose another.`;
  return null;
};

/** Whether a page has this slug: the Sections page refuses a section there. */
export const pageHasSlug = (db: Db, slug: string): Promise<boolean> => pageSlugTaken(db, slug, null);

/** Sets which pages the footer lists, in order. Unknown ids are refused; a draft may be chosen and shows once published. */
export const setFooterPages = async (db: Db, ids: readonly number[]): Promise<void> => {
  const unique = [...new Set(ids)];
  const known = new Set((await listPageRows(db)).map((r) => r.id));
  if (unique.some((id) => !known.has(id))) throw new InvalidInput({ footer: 'Choose pages from the list.' });
  await db.transaction().execute(async (trx) => {
    await replaceFooterPositions(trx, unique);
    await bumpContentVersion(trx);
  });
};
