import type { Db } from '../database.js';
import { jsonRows, readJsonRows } from '../json-rows.js';
import { executePrepared } from '../prepared-statements.js';
import { visible } from './article.repository.js';
import { PROFILE_COLUMNS, type AuthorProfileRow } from './author.repository.js';
import { liveGroupMembersQuery, nextGroupGoLiveQuery, type GroupMemberRow } from './translation-link.repository.js';

/** What an article page shows of the article's own row (not body_text, the search copy of the body). */
const PAGE_COLUMNS = [
  'article.id',
  'article.slug',
  'article.headline',
  'article.standfirst',
  'article.body',
  'article.section_id',
  'article.edition_id',
  'article.status',
  'article.photo_media_id',
  'article.photo_caption',
  'article.photo_credit',
  'article.photo_alt',
  'article.created_at',
  'article.first_published_at',
  'article.published_at',
  'article.updated_at',
  'article.modified_at',
  'article.custom_fields',
  'media.width as photo_width',
  'media.height as photo_height',
  'media.hash as photo_hash',
] as const;

const BYLINE_SHAPE = {
  position: 'number',
  id: 'number',
  slug: 'string',
  name: 'string',
  bio: 'string',
  job_title: 'string',
  links: 'string',
  user_id: 'number|null',
  photo_media_id: 'number|null',
  photo_hash: 'string|null',
  photo_width: 'number|null',
  photo_height: 'number|null',
} as const;
const TAG_SHAPE = { position: 'number', tag: 'string' } as const;
const CORRECTION_SHAPE = {
  id: 'number',
  article_id: 'number',
  kind: 'string',
  text: 'string',
  created_at: 'number',
  created_by: 'number|null',
} as const;
const MEMBER_SHAPE = {
  source_id: 'number',
  id: 'number',
  edition_id: 'number',
  section_id: 'number',
  first_published_at: 'number|null',
  published_at: 'number|null',
} as const;

const byNumber =
  <T>(...keys: ((row: T) => number)[]) =>
  (a: T, b: T): number => {
    for (const key of keys) {
      const d = key(a) - key(b);
      if (d !== 0) return d;
    }
    return 0;
  };

/**
 * A live article with everything only it decides on its page, in one statement: its row and main photo, its
 * bylines in order, its tags as written in order, its corrections oldest first, and (on a site of several
 * editions, `groups`) its translation group's live members and when the next member goes live by the clock.
 * Asked as five to seven statements before, which on PostgreSQL were as many round trips and pool turns per render
 * (record 0029). Undefined: no such live article.
 */
export const articlePageRow = async (db: Db, id: number, now: number, opts: { groups: boolean }) => {
  const bylines = db
    .selectFrom('article_author')
    .innerJoin('author', 'author.id', 'article_author.author_id')
    .leftJoin('media', 'media.id', 'author.photo_media_id')
    .select(['article_author.position', ...PROFILE_COLUMNS])
    .where('article_author.article_id', '=', id);
  const tags = db.selectFrom('article_tag').select(['position', 'tag']).where('article_id', '=', id);
  const corrections = db
    .selectFrom('correction')
    .select(['id', 'article_id', 'kind', 'text', 'created_at', 'created_by'])
    .where('article_id', '=', id);
  const query = db
    .selectFrom('article')
    .leftJoin('media', 'media.id', 'article.photo_media_id')
    .select(PAGE_COLUMNS)
    .select([
      jsonRows(db, bylines).as('bylines'),
      jsonRows(db, tags).as('tags'),
      jsonRows(db, corrections).as('corrections'),
    ])
    .$if(opts.groups, (q) =>
      q.select([
        jsonRows(db, liveGroupMembersQuery(db, id, now)).as('group_members'),
        nextGroupGoLiveQuery(db, id, now).as('group_next'),
      ]),
    )
    .where('article.id', '=', id)
    .where(visible(now));
  // Prepared on PostgreSQL: planning it cost four times running it (record 0029).
  const [row] = await executePrepared(db, query);
  if (!row) return undefined;
  const { bylines: b, tags: t, corrections: c, ...article } = row;
  const extra = row as { group_members?: unknown; group_next?: unknown };
  return {
    ...article,
    bylines: readJsonRows(b, BYLINE_SHAPE)
      .sort(byNumber((r) => r.position))
      .map(({ position: _, ...profile }): AuthorProfileRow => profile),
    tags: readJsonRows(t, TAG_SHAPE)
      .sort(byNumber((r) => r.position))
      .map((r) => r.tag),
    corrections: readJsonRows(c, CORRECTION_SHAPE).sort(
      byNumber(
        (r) => r.created_at,
        (r) => r.id,
      ),
    ),
    groupMembers: opts.groups
      ? readJsonRows(extra.group_members, MEMBER_SHAPE).sort(
          byNumber(
            (r) => r.source_id,
            (r) => r.id,
          ),
        )
      : ([] as GroupMemberRow[]),
    /** Epoch ms when the next member of its group goes live by the clock; null when none will (or not asked). */
    groupNextGoLive: extra.group_next == null ? null : Number(extra.group_next),
  };
};

export type ArticlePageRow = NonNullable<Awaited<ReturnType<typeof articlePageRow>>>;
