import type { MediaRef } from '../domain/article.js';
import { storedBody, bodyText, type Body } from '../domain/body.js';
import type { Db } from '../storage/database.js';
import { findArticleRow } from '../storage/repositories/article.repository.js';
import { postAuthorRows } from '../storage/repositories/content-api.repository.js';
import { homeTopIdRows } from '../storage/repositories/curation.repository.js';
import { feedTagRows } from '../storage/repositories/feed.repository.js';
import { findPageRow, type PageRow } from '../storage/repositories/page.repository.js';
import { liveTranslationRows } from '../storage/repositories/translation-link.repository.js';
import type { ContentItem, GhostObject } from './content-api-objects.js';
import { mediaOfBodies } from './content-api-posts.js';
import { pageFields } from './content-api-site.js';
import { postAddress, postItemOf, type PostRelations } from './post-items.js';
import { contextOfEdition, type SiteContext } from './site-context.js';
import { translationGroups } from './translation-links.js';

/**
 * What a webhook's body says of a post or a page: the Content API's object (content-api-objects.ts) with its tags
 * and authors included, `plaintext`, `html` drawn as the Content API draws it, and Ghost's `status`, which the
 * Content API never shows (it shows only live posts) but a webhook for an unpublished or scheduled post needs.
 */

/** Draws a body as the Content API's `html`; the server's (server/api/body-html.ts), as services may not draw. */
export type BodyHtml = (body: Body, media: Map<number, MediaRef>, baseUrl: string) => string;

export type ArticleRow = NonNullable<Awaited<ReturnType<typeof findArticleRow>>>;

/** An article as a webhook shows it: its row (or an earlier revision laid over it), bylines and tags in order. */
export interface ArticleState {
  row: ArticleRow;
  bylines: PostRelations['bylines'];
  tags: PostRelations['tags'];
}

/** Ghost's statuses: ours that are not live or scheduled are drafts to Ghost. */
export const ghostStatus = (status: string | null): 'published' | 'scheduled' | 'draft' =>
  status === 'published' ? 'published' : status === 'scheduled' ? 'scheduled' : 'draft';

const withRelations = async (
  db: Db,
  item: ContentItem,
  status: string,
  baseUrl: string,
  html: BodyHtml | undefined,
): Promise<GhostObject> => ({
  ...item.fields,
  status: ghostStatus(status),
  plaintext: bodyText(item.body),
  // Without a renderer (a caller that has none to give) html stays null rather than being drawn some other way.
  html: html ? html(item.body, await mediaOfBodies(db, [item]), baseUrl) : null,
  tags: item.tags,
  primary_tag: item.tags[0] ?? null,
  authors: item.authors,
  primary_author: item.authors[0] ?? null,
});

/** The article in `state` as a webhook's post; null when its section is gone. */
const postOfState = async (
  db: Db,
  site: SiteContext,
  state: ArticleState,
  now: number,
  html?: BodyHtml,
): Promise<GhostObject | null> => {
  const { row } = state;
  const id = row.id;
  const ctx = contextOfEdition(site, row.edition_id);
  const section = ctx.sections.byId.get(row.section_id);
  if (!section) return null;
  const [topRows, translationRows] = await Promise.all([homeTopIdRows(db), liveTranslationRows(db, [id], now)]);
  const group = [...translationGroups(site, translationRows).values()].find((g) => g.some((m) => m.articleId === id));
  const item = postItemOf(
    ctx,
    section,
    row,
    {
      bylines: state.bylines,
      tags: state.tags,
      featured: topRows.some((r) => r.article_id === id),
      group: group ?? [],
    },
    // An article never published has no address yet; Ghost gives a draft's preview address, which we do not have.
    postAddress(ctx, section, row) ?? '',
  );
  return withRelations(db, item, row.status, ctx.settings.baseUrl, html);
};

/** What a webhook shows of an article, read from its current row: the row as it is, or an earlier revision. */
export type ArticleStateOf = (db: Db, row: ArticleRow) => Promise<ArticleState | null>;

const currentState: ArticleStateOf = async (db, row) => {
  const [bylines, tags] = await Promise.all([postAuthorRows(db, [row.id]), feedTagRows(db, [row.id])]);
  return { row, bylines, tags };
};

/**
 * The article as a webhook's post, whatever its status: as it is now, or in the state `stateOf` reads. Null when it
 * is gone (or its section is), or `stateOf` finds none.
 */
export const webhookPostOf = async (
  db: Db,
  site: SiteContext,
  id: number,
  now: number,
  html?: BodyHtml,
  stateOf: ArticleStateOf = currentState,
): Promise<GhostObject | null> => {
  const row = await findArticleRow(db, id);
  const state = row ? await stateOf(db, row) : null;
  return state ? postOfState(db, site, state, now, html) : null;
};

/** The page in `row` (or an earlier revision laid over it) as a webhook's page. */
const pageOfRow = async (db: Db, site: SiteContext, row: PageRow, html?: BodyHtml): Promise<GhostObject> => {
  const body = storedBody(row.body);
  const fields = pageFields(site, row, body);
  return withRelations(db, { fields, body, tags: [], authors: [] }, row.status, site.settings.baseUrl, html);
};

/** What a webhook shows of a page, read from its current row: the row as it is, or an earlier revision laid over it. */
export type PageStateOf = (db: Db, row: PageRow) => Promise<PageRow | null>;

/**
 * The publication page as a webhook's page, whatever its status: as it is now, or as `stateOf` reads it. Null when
 * it is gone, or `stateOf` finds nothing.
 */
export const webhookPageOf = async (
  db: Db,
  site: SiteContext,
  id: number,
  html?: BodyHtml,
  stateOf: PageStateOf = async (_db, row) => row,
): Promise<GhostObject | null> => {
  const row = await findPageRow(db, id);
  const state = row ? await stateOf(db, row) : null;
  return state ? pageOfRow(db, site, state, html) : null;
};
