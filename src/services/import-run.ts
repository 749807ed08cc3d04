import type { ImportPlan } from '../domain/import-plan.js';
import { tagSlug } from '../domain/tag.js';
import type { Db } from '../storage/database.js';
import {
  importSourceRows,
  putImportSourceRow,
  type ImportScope,
} from '../storage/repositories/import-source.repository.js';
import { chooseEdition } from './import-edition.js';
import { finishImport, type MoreRedirect } from './import-finish.js';
import { loadImages, type MediaResult } from './import-media.js';
import { createPlaces } from './import-places.js';
import type { ImportReport } from './import-report.js';
import { wantedImages, writePlan, type ImportWords, type WriteContext, type Written } from './import-write.js';
import { loadSiteContext, type SiteContext } from './site-context.js';
import { insertImage } from './store-image.js';

/**
 * What every importer shares once it has plans (records 0024, 0027): plans are written BATCH at a time, one
 * transaction per batch, the batch's images loaded and encoded before its transaction opens. An import stopped
 * half-way keeps the batches it committed, and running it again resumes: every post is found by its source id, and
 * those already written are unchanged. The last step (top stories, redirects) has its own transaction. A dry run
 * writes everything in one transaction and rolls it back.
 */
export interface ImportRunOptions {
  /** A local copy of the old site's image folder. */
  uploads?: string;
  noMedia?: boolean;
  dryRun?: boolean;
  edition?: string;
  onProgress?: (done: number, total: number) => void;
  timeoutMs?: number;
  parallel?: number;
  batch?: number;
  now?: Date;
}

export interface ImportSource {
  scope: ImportScope;
  words: ImportWords;
  /** Where the old site's image folder starts in an image's path ("/wp-content/uploads/"), for --uploads. */
  uploadsMarker: string;
  /** Posts and pages in the file, for progress. */
  total: number;
  /** Hands over each plan in the file's order; what it skips it tells the report itself. */
  plans(emit: (plan: ImportPlan) => Promise<void>, site: SiteContext): Promise<void>;
  /** Old addresses beyond the items' own, asked once every plan is written. */
  moreRedirects?(trx: Db, ctx: SiteContext): Promise<MoreRedirect[]>;
}

const BATCH = 200;

class RollBack extends Error {}

/** Writes every plan the source hands over; throws ImportError (a bad --edition) before writing anything. */
export async function runImport(
  db: Db,
  source: ImportSource,
  report: ImportReport,
  opts: ImportRunOptions,
): Promise<void> {
  const { scope } = source;
  const site = await loadSiteContext(db);
  const edition = chooseEdition(site, opts.edition);
  const noMedia = opts.noMedia === true || opts.dryRun === true;
  if (opts.dryRun && opts.noMedia !== true) report.note('Images were not loaded in a dry run');
  const media = new Map<string, number | string>();
  for (const [url, row] of await importSourceRows(db, scope, 'media')) media.set(url, row.target_id);
  const c: WriteContext = {
    scope,
    words: source.words,
    places: await createPlaces(db, scope, report, site.settings.defaultSection),
    report,
    known: { post: await importSourceRows(db, scope, 'post'), page: await importSourceRows(db, scope, 'page') },
    media,
    noMedia,
    editionId: edition === site ? null : edition.edition.id,
    now: opts.now ?? new Date(),
  };
  const tagsBefore = new Set(
    (await db.selectFrom('article_tag').select('tag_slug').distinct().execute()).map((r) => r.tag_slug),
  );
  const written: Written[] = [];
  const tagsUsed = new Set<string>();
  const mediaOptions = {
    ...(opts.uploads !== undefined ? { uploads: { dir: opts.uploads, marker: source.uploadsMarker } } : {}),
    timeoutMs: opts.timeoutMs ?? 5000,
    parallel: opts.parallel ?? 4,
  };

  const storeLoaded = async (trx: Db, loaded: Map<string, MediaResult>) => {
    for (const [url, result] of loaded) {
      if (!result.ok) {
        media.set(url, result.why);
        continue;
      }
      const stored = await insertImage(trx, result.image, c.now);
      media.set(url, stored.mediaId);
      report.count('image', 'created');
      await putImportSourceRow(
        trx,
        scope,
        'media',
        { source_id: url, target_id: stored.mediaId, digest: '' },
        c.now.getTime(),
      );
    }
  };

  const run = async (inTrx: <T>(work: (trx: Db) => Promise<T>) => Promise<T>) => {
    let batch: ImportPlan[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const plans = batch;
      batch = [];
      const loaded = noMedia ? new Map() : await loadImages(wantedImages(plans, c), mediaOptions);
      await inTrx(async (trx) => {
        await storeLoaded(trx, loaded);
        for (const plan of plans) written.push(await writePlan(trx, plan, c));
      });
      opts.onProgress?.(report.handled, source.total);
    };
    await source.plans(async (plan) => {
      batch.push(plan);
      for (const tag of plan.tags) tagsUsed.add(tagSlug(tag));
      if (batch.length >= (opts.batch ?? BATCH)) await flush();
    }, site);
    await flush();
    await inTrx((trx) =>
      finishImport(trx, written, c, edition.edition.id, (ctx) => source.moreRedirects?.(trx, ctx) ?? noMore()),
    );
  };

  if (opts.dryRun) {
    await db
      .transaction()
      .execute(async (trx) => {
        await run((work) => work(trx));
        throw new RollBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RollBack)) throw error;
      });
  } else {
    await run((work) => db.transaction().execute(work));
  }
  for (const slug of tagsUsed) report.count('tag', tagsBefore.has(slug) ? 'unchanged' : 'created');
}

const noMore = async (): Promise<MoreRedirect[]> => [];
