import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tagSlug } from '../domain/tag.js';
import { addToIndex, createWxrIndex, siteOf, type WxrIndex } from '../domain/wxr-index.js';
import { mapWxrItem, type WxrPlan } from '../domain/wxr-map.js';
import { createWxrReader, WxrError, type WxrEvent } from '../domain/wxr-parse.js';
import type { Db } from '../storage/database.js';
import {
  importSourceRows,
  putImportSourceRow,
  type ImportScope,
} from '../storage/repositories/import-source.repository.js';
import { chooseEdition } from './import-edition.js';
import { insertImage } from './store-image.js';
import { loadSiteContext } from './site-context.js';
import { finishImport } from './wordpress-finish.js';
import { loadImages } from './wordpress-media.js';
import { createPlaces } from './wordpress-places.js';
import { createImportReport, type ImportReportJson } from './wordpress-report.js';
import { thumbnailUrl, writePlan, type WriteContext, type Written } from './wordpress-write.js';

/**
 * `dateline import wordpress FILE.xml` (issue 17; record 0024). The export is read twice as a stream, never whole:
 * first to check it all (a cut or malformed file stops here, before anything is written) and to keep the small
 * things posts refer to; then each post is mapped and written, BATCH at a time, one transaction per batch, its
 * images loaded before the batch's transaction opens. An import stopped half-way keeps the batches it committed,
 * and running it again resumes: every post is found by its source id, and those already written are unchanged.
 * A dry run writes everything in one transaction and rolls it back.
 */
export interface WordpressImportOptions {
  uploads?: string;
  noMedia?: boolean;
  dryRun?: boolean;
  edition?: string;
  /** Custom fields the loaded plugins declare: name → type. */
  declaredFields?: ReadonlyMap<string, string>;
  onProgress?: (done: number, total: number) => void;
  timeoutMs?: number;
  parallel?: number;
  batch?: number;
  now?: Date;
}

const BATCH = 200;
const CHUNK = 256 * 1024;

class RollBack extends Error {}

/** Every event of the file in order, chunk by chunk; a file that cannot be read is a WxrError at line 0. */
async function readEvents(file: string, onEvents: (events: WxrEvent[]) => Promise<void> | void): Promise<void> {
  try {
    if ((await stat(file)).isDirectory()) throw new WxrError(0, 0, `${file} is a folder, not a file`);
  } catch (error) {
    if (error instanceof WxrError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new WxrError(0, 0, code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file} (${code ?? 'error'})`);
  }
  const reader = createWxrReader();
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK })) {
    await onEvents(reader.write(chunk as string));
  }
  await onEvents(reader.close());
}

export async function scanWordpress(file: string): Promise<WxrIndex> {
  const index = createWxrIndex();
  await readEvents(file, (events) => {
    for (const e of events) addToIndex(index, e);
  });
  return index;
}

/** Imports the export; throws WxrError (the file) or ImportError (the options) before writing anything. */
export async function importWordpress(
  db: Db,
  file: string,
  opts: WordpressImportOptions = {},
): Promise<ImportReportJson> {
  const started = performance.now();
  const index = await scanWordpress(file);
  const site = await loadSiteContext(db);
  const edition = chooseEdition(site, opts.edition);
  const scope: ImportScope = { source: 'wordpress', site: siteOf(index.channel) };
  const report = createImportReport(file, scope.site, opts.dryRun === true);
  report.setComments(index.comments);
  const total = (index.itemsByType.get('post') ?? 0) + (index.itemsByType.get('page') ?? 0);
  const noMedia = opts.noMedia === true || opts.dryRun === true;
  if (opts.dryRun && opts.noMedia !== true) report.note('Images were not loaded in a dry run');
  const media = new Map<string, number | string>();
  for (const [url, row] of await importSourceRows(db, scope, 'media')) media.set(url, row.target_id);
  const c: WriteContext = {
    scope,
    index,
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

  const run = async (inTrx: <T>(work: (trx: Db) => Promise<T>) => Promise<T>) => {
    let batch: WxrPlan[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const plans = batch;
      batch = [];
      const loaded = noMedia ? new Map() : await loadImages(wantedImages(plans, c), mediaOptions(opts));
      await inTrx(async (trx) => {
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
        for (const plan of plans) written.push(await writePlan(trx, plan, c));
      });
      opts.onProgress?.(report.handled, total);
    };
    await readEvents(file, async (events) => {
      for (const e of events) {
        if (e.kind !== 'item') continue;
        const decided = mapWxrItem(e.item, index, { declaredFields: opts.declaredFields ?? new Map() });
        if ('plan' in decided) {
          batch.push(decided.plan);
          for (const tag of decided.plan.tags) tagsUsed.add(tagSlug(tag));
        } else if (e.item.postType !== 'attachment' && e.item.postType !== 'guest-author') {
          const kind = e.item.postType === 'page' ? 'page' : e.item.postType === 'post' ? 'article' : 'item';
          report.skip(
            kind,
            `"${e.item.title || '(no title)'}" (id ${e.item.postId || '?'}, line ${e.item.line})`,
            decided.skip,
          );
        }
        if (batch.length >= (opts.batch ?? BATCH)) await flush();
      }
    });
    await flush();
    await inTrx((trx) => finishImport(trx, written, c, edition.edition.id));
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
  return report.toJson((performance.now() - started) / 1000);
}

function mediaOptions(opts: WordpressImportOptions) {
  return {
    ...(opts.uploads !== undefined ? { uploads: opts.uploads } : {}),
    timeoutMs: opts.timeoutMs ?? 5000,
    parallel: opts.parallel ?? 4,
  };
}

/** Image addresses the batch needs that no earlier import or batch has loaded (or failed to). */
function wantedImages(plans: WxrPlan[], c: WriteContext): string[] {
  const urls = new Set<string>();
  for (const plan of plans) {
    for (const b of plan.blocks) if (b.type === 'image-source') urls.add(b.image.src);
    const thumb = thumbnailUrl(plan, c.index);
    if (thumb) urls.add(thumb);
  }
  return [...urls].filter((u) => !c.media.has(u));
}
