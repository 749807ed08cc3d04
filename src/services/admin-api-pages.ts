import type { ArticleInput } from '../domain/article.js';
import { articleStatusOf } from '../domain/article.js';
import { storedBody } from '../domain/body.js';
import type { PageInput } from '../domain/publication-page.js';
import { slugify } from '../domain/slug.js';
import { deletePageRow } from '../storage/repositories/admin-api.repository.js';
import { findArticleRow, tagRowsForArticle } from '../storage/repositories/article.repository.js';
import { bylineRowsForArticle } from '../storage/repositories/author.repository.js';
import { findPageRow } from '../storage/repositories/page.repository.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';
import { indexPages } from '../storage/search/search-indexing.js';
import type { GhostItem } from './admin-api-input.js';
import { bodyOfRequest, featureImageOf, type AdminSave, type AdminSaved } from './admin-api-save.js';
import { InvalidInput, NotFound } from './errors.js';
import { photoInputFromRow } from './main-photo-from-row.js';
import { saveArticleRevision } from './save-article.js';
import { PageConflict, pageInputProblems, writePublicationPage } from './save-publication-page.js';

/**
 * Pages through the Admin API (the publication's About, Contact…), and deletions (issue 16;
 * docs/architecture/0021-admin-api.md). Pages are saved by the page editor's own write, with a revision by the
 * integration; an article's deletion is its unpublishing through the newsroom's save path.
 */

/** Adds (id null) or edits a page: draft or published (a page is not scheduled). */
export const saveAdminPage = async (s: AdminSave, id: number | null, item: GhostItem): Promise<AdminSaved> => {
  const row = id === null ? undefined : await findPageRow(s.db, id);
  if (id !== null && !row) throw new NotFound('Page', 'No such page.');
  let expectedRevision: number | undefined;
  if (row) {
    if (!item.updated_at) throw new InvalidInput({ updated_at: 'Send the updated_at of the page you read.' });
    if (Date.parse(item.updated_at) !== row.modified_at) throw new PageConflict(row.id);
    expectedRevision = row.revision;
  }
  if (item.status === 'scheduled') throw new InvalidInput({ status: 'Pages are not scheduled: draft or published.' });
  const converted = await bodyOfRequest(s, item);
  const title = (item.title ?? row?.title ?? '').trim();
  if (title === '' || title.length > 200)
    throw new InvalidInput({ title: 'Give the page a title of up to 200 characters.' });
  const input: PageInput = {
    title,
    slug: item.slug ? slugify(item.slug) : (row?.slug ?? slugify(title)),
    body: converted?.body ?? (row ? storedBody(row.body) : []),
    photo: await featureImageOf(s, item, row ?? null),
    status: item.status ?? (row?.status === 'published' ? 'published' : 'draft'),
  };
  const problems = Object.entries(await pageInputProblems(s.db, row?.id ?? null, input));
  if (problems.length > 0) throw new InvalidInput(Object.fromEntries([problems[0]!]));
  const saved = await writePublicationPage(s.db, row?.id ?? null, input, {
    now: s.now,
    savedBy: null,
    savedByKey: s.keyId,
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
  });
  return { id: saved.id, before: row?.status ?? null, notes: converted?.notes ?? [] };
};

/**
 * Deletes a post as a newspaper does: it leaves the site and the Admin API (unpublished, through the newsroom's save
 * path, one revision by the integration), and the newsroom keeps it and its history, as it keeps every article.
 */
export const deleteAdminPost = async (s: AdminSave, id: number): Promise<AdminSaved> => {
  const row = await findArticleRow(s.db, id);
  if (!row || articleStatusOf(row.status) === 'unpublished') throw new NotFound('Post', 'No such post.');
  const [bylines, tags] = await Promise.all([bylineRowsForArticle(s.db, id), tagRowsForArticle(s.db, id)]);
  const input: ArticleInput = {
    slug: row.slug,
    headline: row.headline,
    standfirst: row.standfirst,
    body: storedBody(row.body),
    sectionId: row.section_id,
    authorIds: bylines.map((b) => b.id),
    tags: tags.map((t) => t.tag),
    photo: photoInputFromRow(row),
    status: 'unpublished',
    publishedAt: row.published_at === null ? null : new Date(row.published_at),
    updatedAt: row.updated_at === null ? null : new Date(row.updated_at),
    seoDescription: row.seo_description,
    createdBy: row.created_by,
    reviewNote: row.review_note,
  };
  await saveArticleRevision(s.db, id, input, s.now, { expectedRevision: row.revision, savedByKey: s.keyId });
  return { id, before: row.status, notes: [] };
};

/** Deletes a page and its revisions: the publication's pages have no archive to keep them in. */
export const deleteAdminPage = async (
  s: AdminSave,
  id: number,
): Promise<AdminSaved & { slug: string; title: string }> => {
  const row = await findPageRow(s.db, id);
  if (!row) throw new NotFound('Page', 'No such page.');
  await s.db.transaction().execute(async (trx) => {
    if (!(await deletePageRow(trx, id))) throw new NotFound('Page', 'No such page.');
    await bumpContentVersion(trx);
    await indexPages(trx, [id]);
  });
  return { id, before: row.status, notes: [], slug: row.slug, title: row.title };
};
