import type { SelectQueryBuilder } from 'kysely';
import type { Database, Db } from '../database.js';

/**
 * The live members of translation groups, as reader pages and sitemaps link them (issue 13): each article with what
 * its address is made of, and its group's source. A group is a source and its translations (never a chain,
 * docs/architecture/0014-editions.md), so the links from one source are the whole group.
 */

/** A statement selecting the ids of some groups' sources. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SourceIds = SelectQueryBuilder<Database, any, { article_id: number }>;

/**
 * One row per live member of the groups `sources` names. Each link row joins its source and its translation, so a
 * source comes back once per translation (the caller keeps one).
 */
const liveMembersQuery = (db: Db, now: number, sources: SourceIds) =>
  db
    .selectFrom('article_translation as link')
    .innerJoin('article as member', (join) =>
      join.on((eb) =>
        eb.or([eb('member.id', '=', eb.ref('link.article_id')), eb('member.id', '=', eb.ref('link.translation_id'))]),
      ),
    )
    .select([
      'link.article_id as source_id',
      'member.id',
      'member.edition_id',
      'member.section_id',
      'member.first_published_at',
      'member.published_at',
    ])
    .where('member.status', '=', 'published')
    .where('member.published_at', '<=', now)
    .where('link.article_id', 'in', sources)
    .orderBy('link.article_id')
    .orderBy('member.id');

const liveMembersOf = (db: Db, now: number, sources: SourceIds) => liveMembersQuery(db, now, sources).execute();

/** The id of an article's group's source: its own when it is a source, its source's when it is a translation. */
const groupSourceOf = (db: Db, articleId: number) =>
  db
    .selectFrom('article_translation as own')
    .select('own.article_id')
    .where((eb) => eb.or([eb('own.article_id', '=', articleId), eb('own.translation_id', '=', articleId)]));

/** The live members of an article's group, the article itself among them if it is live; none when it has no links. */
export const liveGroupMemberRows = (db: Db, articleId: number, now: number) =>
  liveMembersOf(db, now, groupSourceOf(db, articleId));

/** liveGroupMemberRows as a subquery, for a statement that asks it beside other things. */
export const liveGroupMembersQuery = (db: Db, articleId: number, now: number) =>
  liveMembersQuery(db, now, groupSourceOf(db, articleId));

/**
 * The live members of the groups of several articles (a page of the Content API's posts), in one statement; none for
 * none.
 */
export const liveTranslationRows = (db: Db, articleIds: readonly number[], now: number) =>
  articleIds.length === 0
    ? Promise.resolve([])
    : liveMembersOf(
        db,
        now,
        db
          .selectFrom('article_translation as own')
          .select('own.article_id')
          .where((eb) =>
            eb.or([eb('own.article_id', 'in', [...articleIds]), eb('own.translation_id', 'in', [...articleIds])]),
          ),
      );

/**
 * The live members of every group with an article first published in [from, to): what one article sitemap file
 * needs, in one statement however many articles the file lists.
 */
export const liveGroupMemberRowsInRange = (db: Db, range: { from: number; to: number }, now: number) =>
  liveMembersOf(
    db,
    now,
    db
      .selectFrom('article_translation as own')
      .innerJoin('article as a', (join) =>
        join.on((eb) =>
          eb.or([eb('a.id', '=', eb.ref('own.article_id')), eb('a.id', '=', eb.ref('own.translation_id'))]),
        ),
      )
      .select('own.article_id')
      .where('a.first_published_at', '>=', range.from)
      .where('a.first_published_at', '<', range.to),
  );

export type GroupMemberRow = Awaited<ReturnType<typeof liveGroupMemberRows>>[number];

/**
 * When the next member of an article's group goes live by the clock alone (published, its time still to come), in
 * epoch ms; null when none will. A kept article page lists its group's live members, so it is kept only until then
 * (server/reader/article-answer.tsx): nothing is written when that time comes.
 */
export const nextGroupGoLive = async (db: Db, articleId: number, now: number): Promise<number | null> => {
  const row = await nextGroupGoLiveQuery(db, articleId, now).executeTakeFirst();
  return row?.next == null ? null : Number(row.next);
};

/** nextGroupGoLive's statement, built but not run (a scalar subquery of the article page's statement). */
export const nextGroupGoLiveQuery = (db: Db, articleId: number, now: number) =>
  db
    .selectFrom('article_translation as link')
    .innerJoin('article as member', (join) =>
      join.on((eb) =>
        eb.or([eb('member.id', '=', eb.ref('link.article_id')), eb('member.id', '=', eb.ref('link.translation_id'))]),
      ),
    )
    .select((eb) => eb.fn.min('member.published_at').as('next'))
    .where('member.status', '=', 'published')
    .where('member.published_at', '>', now)
    .where('link.article_id', 'in', groupSourceOf(db, articleId));
