import { articlePath } from '../domain/article-path.js';
import { publicationPagePath } from '../domain/publication-page.js';
import type { Db } from '../storage/database.js';
import { homeTopIdRows, replaceHomeTopRows } from '../storage/repositories/curation.repository.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';
import { MAX_CURATED } from './curation.js';
import { REDIRECT_SOURCES, saveRedirects, type RedirectInput } from './redirects.js';
import { redirectKey, sameAddress } from './redirects-path.js';
import { contextOfEdition, loadSiteContext, type SiteContext } from './site-context.js';
import type { Written, WriteContext } from './import-write.js';

/** An old address beyond an item's own (Ghost's `/tag/…/` and `/author/…/`), with what the report calls it. */
export interface MoreRedirect {
  from: string;
  to: string;
  kind: string;
  label: string;
}

/**
 * An import's last step, after every post is written (records 0024, 0027): curated posts (sticky, featured) become
 * the home page's top stories (as many as it holds), and each live item's old addresses (WordPress's link path and
 * `/?p=ID`, Ghost's `/{slug}/`) answer a 301 to its new one, with the `more` the source adds. Run again by a
 * resumed or repeated import, it changes nothing that is already so.
 */
export async function finishImport(
  trx: Db,
  written: readonly Written[],
  c: WriteContext,
  editionId: number,
  more: (ctx: SiteContext) => Promise<MoreRedirect[]> = async () => [],
): Promise<void> {
  await feature(trx, written, c);
  const ctx = contextOfEdition(await loadSiteContext(trx), editionId);
  const rows: RedirectInput[] = [];
  const source = REDIRECT_SOURCES.find((s) => s === c.scope.source);
  const keep = (from: string, to: string, kind: string, label: string) => {
    if (!redirectKey(from).ok) c.report.downgrade(kind, label, `its old address ${from} cannot be kept as a redirect`);
    else if (!sameAddress(from, to)) rows.push(source ? { from, to, source } : { from, to });
  };
  const posts = written.filter((w) => w.kind === 'post' && w.live).map((w) => w.id);
  const articles = new Map<number, { section_id: number; first_published_at: number | null; edition_id: number }>();
  for (let i = 0; i < posts.length; i += 500) {
    const found = await trx
      .selectFrom('article')
      .select(['id', 'section_id', 'first_published_at', 'edition_id'])
      .where('id', 'in', posts.slice(i, i + 500))
      .execute();
    for (const r of found) articles.set(r.id, r);
  }
  const pages = new Map<number, string>();
  const pageIds = written.filter((w) => w.kind === 'page' && w.live).map((w) => w.id);
  if (pageIds.length > 0)
    for (const r of await trx.selectFrom('page').select(['id', 'slug']).where('id', 'in', pageIds).execute())
      pages.set(r.id, r.slug);
  for (const w of written) {
    if (!w.live) continue;
    let to: string | null = null;
    if (w.kind === 'page') to = pages.has(w.id) ? publicationPagePath(pages.get(w.id)!) : null;
    else {
      const a = articles.get(w.id);
      const own = a ? contextOfEdition(ctx, a.edition_id) : ctx;
      const section = a ? own.sections.byId.get(a.section_id) : undefined;
      if (a && section && a.first_published_at !== null)
        to = articlePath(own, section, new Date(Number(a.first_published_at)), w.id);
    }
    if (to === null) continue;
    for (const from of w.oldPaths) keep(from, to, w.kind === 'post' ? 'article' : 'page', w.label);
  }
  for (const r of await more(ctx)) keep(r.from, r.to, r.kind, r.label);
  const saved = await saveRedirects(trx, rows);
  c.report.count('redirect', 'created', saved.created);
  c.report.count('redirect', 'updated', saved.updated);
  c.report.count('redirect', 'unchanged', saved.unchanged);
}

/** Curated posts join the home page's top stories, after those placed already, while it has room. */
async function feature(trx: Db, written: readonly Written[], c: WriteContext): Promise<void> {
  const placed = (await homeTopIdRows(trx)).map((r) => r.article_id);
  const next = [...placed];
  for (const w of written) {
    if (w.kind !== 'post' || !w.featured || next.includes(w.id)) continue;
    if (!w.live) {
      c.report.downgrade('article', w.label, `it is ${c.words.featured} but not live, so it is not a top story`);
      continue;
    }
    if (next.length >= MAX_CURATED) {
      c.report.downgrade(
        'article',
        w.label,
        `it is ${c.words.featured}, but the home page holds ${MAX_CURATED} top stories already`,
      );
      continue;
    }
    next.push(w.id);
  }
  if (next.length === placed.length) return;
  await replaceHomeTopRows(trx, next);
  await bumpContentVersion(trx);
}
