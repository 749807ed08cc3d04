import type { MediaRef } from '../../domain/article.js';
import { bodyText, type Body } from '../../domain/body.js';
import { paginationOf, pickFields, type ContentQuery } from '../../domain/content-api-query.js';
import type { ContentItem } from '../../services/content-api-objects.js';
import {
  contentPostIdOf,
  countLivePosts,
  loadContentPosts,
  pageOfContentPosts,
} from '../../services/content-api-posts.js';
import type { SiteContext } from '../../services/site-context.js';
import type { Db } from '../../storage/database.js';
import type { SiteSnapshot } from '../site-state.js';
import type { ContentApiKept, KeptObject } from './content-api-kept.js';

/** Draws a structured body as the API's `html`, with our addresses made absolute. */
export type BodyHtml = (body: Body, media: Map<number, MediaRef>, baseUrl: string) => string;

/** A post or page as the query asks: its own fields (`fields`, `formats`), then the relations `include` names. */
export const presentItem =
  (bodyHtml: BodyHtml) =>
  (item: ContentItem, query: ContentQuery, media: Map<number, MediaRef>, ctx: SiteContext): Record<string, unknown> => {
    const own: Record<string, unknown> = { ...item.fields };
    if (query.formats.includes('html')) own.html = bodyHtml(item.body, media, ctx.settings.baseUrl);
    if (query.formats.includes('plaintext')) own.plaintext = bodyText(item.body);
    const out: Record<string, unknown> = pickFields(own, query.fields);
    if (query.include.includes('tags')) {
      out.tags = item.tags;
      out.primary_tag = item.tags[0] ?? null;
    }
    if (query.include.includes('authors')) {
      out.authors = item.authors;
      out.primary_author = item.authors[0] ?? null;
    }
    return out;
  };

/** An answer's parts: its JSON is `prefix`, the objects joined by commas, then `suffix`. */
export interface PostAnswer {
  prefix: string;
  objects: KeptObject[];
  suffix: string;
}

const PREFIX = '{"posts":[';

/**
 * The Content API's posts (docs/architecture/0019-content-api.md, "Answers made from kept posts"): the database says
 * which posts an answer holds and in what order; each post's JSON comes from `kept` when an earlier answer made it
 * at this content version with the same `fields`, `formats` and `include`, and is drawn and kept otherwise.
 */
export const createPostAnswers = (deps: { db: Db; kept: ContentApiKept; bodyHtml: BodyHtml }) => {
  const present = presentItem(deps.bodyHtml);

  /** The posts `ids` names that are still live, in that order, each kept or made. */
  const objectsOf = async (
    snap: SiteSnapshot,
    ids: readonly number[],
    query: ContentQuery,
    now: Date,
    current: () => number,
  ): Promise<KeptObject[]> => {
    const shape = JSON.stringify([query.fields, query.formats, query.include]);
    const keyOf = (id: number) => `post:${id}:${shape}`;
    const found = ids.map((id) => deps.kept.object(keyOf(id), snap.version));
    const missing = ids.filter((_, i) => found[i] === undefined);
    if (missing.length > 0) {
      const list = await loadContentPosts(deps.db, snap.context, missing, now);
      const made = new Map<number, KeptObject>();
      // Kept only when no change was seen while reading, as the page cache's answers.
      const version = current() === snap.version ? snap.version : Number.NaN;
      for (const item of list.items) {
        const id = Number(item.fields.id);
        const json = JSON.stringify(present(item, query, list.bodyMedia, snap.context));
        made.set(id, deps.kept.keep(keyOf(id), version, json));
      }
      ids.forEach((id, i) => (found[i] ??= made.get(id)));
    }
    // A post no longer live by the time it was read is left out, as before objects were kept.
    return found.filter((o): o is KeptObject => o !== undefined);
  };

  /** One page of posts with Ghost's pagination. */
  const browse = async (
    snap: SiteSnapshot,
    query: ContentQuery,
    now: Date,
    current: () => number,
  ): Promise<PostAnswer> => {
    const allLive = () => deps.kept.liveCount(snap.version, now.getTime(), () => countLivePosts(deps.db, now));
    const page = await pageOfContentPosts(deps.db, query, now, allLive);
    const objects = await objectsOf(snap, page.ids, query, now, current);
    return {
      prefix: PREFIX,
      objects,
      suffix: `],"meta":${JSON.stringify({ pagination: paginationOf(query, page.total) })}}`,
    };
  };

  /** One post by id or slug as a one-element list; null when there is no such live post. */
  const read = async (
    snap: SiteSnapshot,
    ref: { id: number } | { slug: string },
    query: ContentQuery,
    now: Date,
    current: () => number,
  ): Promise<PostAnswer | null> => {
    const id = await contentPostIdOf(deps.db, ref, now);
    const objects = id === undefined ? [] : await objectsOf(snap, [id], query, now, current);
    return objects.length === 0 ? null : { prefix: PREFIX, objects, suffix: ']}' };
  };

  return { present, browse, read };
};
