import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ARTICLE_STATUSES, type ArticleStatus } from '../../domain/article.js';
import { parsePageNumber } from '../../domain/reader-path.js';
import { MAX_QUERY_CHARS } from '../../domain/search-text.js';
import type { Session } from '../../services/accounts.js';
import { recentActivity } from '../../services/activity.js';
import { listensBeyondLoopback } from '../../services/first-run.js';
import {
  headlinesByIds,
  listedTime,
  listNewsroomArticles,
  newsroomListPage,
  type NewsroomArticle,
} from '../../services/newsroom-articles.js';
import type { Edition } from '../../domain/edition.js';
import { editionLanguagesOf, loadEditions } from '../../services/edition-admin.js';
import { sourceUpdatedList } from '../../services/newsroom-translations.js';
import { editionName } from '../../views/newsroom/ArticleTranslations.js';
import { SetupPage } from '../../views/newsroom/AuthPages.js';
import { ArticleListPage } from '../../views/newsroom/ArticleListPage.js';
import type { ArticleRowView } from '../../views/newsroom/ArticleTable.js';
import { ActivityPage, DeskPage } from '../../views/newsroom/DeskPages.js';
import { badRequest, invalidPageNumber } from '../errors.js';
import { IgnoredQuery, typed } from '../route-schemas.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { chromeOf, sendPage, sessionOf, siteTimeFormat } from './request-context.js';

const LIST_PAGE_SIZE = 50;
/** Characters of a search the page repeats: a query is read no further than this (MAX_QUERY_CHARS). */
const SEARCH_KEPT_CHARS = MAX_QUERY_CHARS;

const ListQuery = z.object({
  status: z
    .union([z.enum(ARTICLE_STATUSES), z.literal('')], { error: 'Choose one of the listed statuses.' })
    .optional(),
  q: z.string({ error: 'Search for words in the articles.' }).optional(),
  page: z.string().optional(),
  edition: z.string({ error: 'Choose one of the listed editions.' }).optional(),
});

/**
 * Each row's edition language, when the site has more than one edition (issue 13); rows as they were otherwise,
 * so a single-edition newsroom looks as it always has.
 */
const withEditions = async (
  db: NewsroomDeps['db'],
  editions: Edition[],
  rows: ArticleRowView[],
): Promise<ArticleRowView[]> => {
  if (editions.length < 2) return rows;
  const of = await editionLanguagesOf(
    db,
    editions,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, edition: of.get(r.id) ?? '' }));
};

/** The desk, the article list and the activity of the newsroom. */
export const registerDeskRoutes = (scope: FastifyInstance, deps: NewsroomDeps): void => {
  const app = typed(scope);

  /** Lines of a list; `changes` lists every article by its last change (the desk's Recent changes, in that order). */
  const rowsOf = (rows: NewsroomArticle[], opts: { changes?: boolean } = {}): ArticleRowView[] => {
    const format = siteTimeFormat(deps);
    return rows.map((r) => {
      const time = opts.changes ? { kind: 'changed' as const, at: r.modifiedAt } : listedTime(r);
      return {
        id: r.id,
        headline: r.headline,
        status: r.status,
        byline: r.byline,
        when: { kind: time.kind, text: format(time.at), iso: time.at.toISOString() },
      };
    });
  };
  /** Contributors see their own articles only. */
  const visibleTo = (session: Session) =>
    session.account.role === 'contributor' ? { createdBy: session.account.id } : {};

  // The first visit, before any account exists, sets up the owner; the guard lets only that through signed out.
  app.get(
    '/',
    { config: { access: { firstRun: true } }, schema: { querystring: IgnoredQuery } },
    async (req, reply) => {
      if (!req.newsroomSession) {
        // The same form as /newsroom/setup: on a server reachable from other machines it asks for the code.
        const code = listensBeyondLoopback(deps.listenAddress()) ? { value: '', fromLink: false } : null;
        return sendPage(
          reply,
          200,
          <SetupPage chrome={chromeOf(deps, req, reply)} errors={{}} values={{}} code={code} />,
        );
      }
      const mine = visibleTo(req.newsroomSession);
      const [review, scheduled, recent, editions] = await Promise.all([
        listNewsroomArticles(deps.db, { status: 'in_review', limit: 20, ...mine }),
        listNewsroomArticles(deps.db, { status: 'scheduled', limit: 20, ...mine }),
        listNewsroomArticles(deps.db, { limit: 15, ...mine }),
        loadEditions(deps.db),
      ]);
      // The translations to bring up to date are the editors' to deal with; none on a one-edition site.
      const format = siteTimeFormat(deps);
      const sourceUpdated =
        editions.length > 1 && req.newsroomSession.account.role !== 'contributor'
          ? (await sourceUpdatedList(deps.db)).map((entry) => ({
              translation: {
                ...entry.translation,
                edition: editionName(entry.translation.edition),
                language: entry.translation.edition.language,
              },
              source: {
                ...entry.source,
                edition: editionName(entry.source.edition),
                language: entry.source.edition.language,
              },
              when: { text: format(entry.markedAt), iso: entry.markedAt.toISOString() },
            }))
          : [];
      const top = deps.tracker.top('24h', null, 8);
      const headlines = await headlinesByIds(
        deps.db,
        top.map((t) => t.articleId),
      );
      const reading = await Promise.all(
        top.map(async (t) => ({
          id: t.articleId,
          views: t.views,
          headline: headlines.get(t.articleId) ?? `Article ${t.articleId}`,
          hourly: await deps.tracker.hourlyViews(t.articleId, 24),
        })),
      );
      return sendPage(
        reply,
        200,
        <DeskPage
          chrome={chromeOf(deps, req, reply)}
          review={await withEditions(deps.db, editions, rowsOf(review))}
          scheduled={await withEditions(deps.db, editions, rowsOf(scheduled))}
          recent={await withEditions(deps.db, editions, rowsOf(recent, { changes: true }))}
          reading={reading}
          sourceUpdated={sourceUpdated}
        />,
      );
    },
  );

  app.get('/articles', { config: { access: {} }, schema: { querystring: ListQuery } }, async (req, reply) => {
    const page = parsePageNumber(req.query.page);
    if (page === 'invalid') throw invalidPageNumber();
    const status: ArticleStatus | null = req.query.status || null;
    const search = (req.query.q ?? '').trim();
    const editions = await loadEditions(deps.db);
    const edition = req.query.edition ? editions.find((e) => String(e.id) === req.query.edition) : undefined;
    if (req.query.edition && !edition) throw badRequest('Choose one of the listed editions.');
    const list = await newsroomListPage(deps.db, {
      search,
      limit: LIST_PAGE_SIZE,
      offset: (page - 1) * LIST_PAGE_SIZE,
      ...(status ? { status } : {}),
      ...(edition ? { editionId: edition.id } : {}),
      ...visibleTo(sessionOf(req)),
    });
    return sendPage(
      reply,
      200,
      <ArticleListPage
        chrome={chromeOf(deps, req, reply)}
        rows={await withEditions(deps.db, editions, rowsOf(list.articles))}
        editions={editions}
        edition={edition?.id ?? null}
        status={status}
        // The box and every link carry the search back; a pasted essay need not ride on each of them whole.
        search={[...search].slice(0, SEARCH_KEPT_CHARS).join('')}
        total={list.total}
        more={list.more}
        pages={list.total === null || list.more ? null : Math.max(1, Math.ceil(list.total / LIST_PAGE_SIZE))}
        note={list.note}
        page={page}
        hasOlder={list.hasMore}
      />,
    );
  });

  app.get(
    '/activity',
    { config: { access: { may: 'article.edit-any' } }, schema: { querystring: IgnoredQuery } },
    async (req, reply) => {
      const format = siteTimeFormat(deps);
      const rows = (await recentActivity(deps.db, 100)).map((e) => ({
        when: format(e.at),
        by: e.by,
        did: e.did,
        articleId: e.articleId,
        headline: e.headline,
      }));
      return sendPage(reply, 200, <ActivityPage chrome={chromeOf(deps, req, reply)} rows={rows} />);
    },
  );
};
