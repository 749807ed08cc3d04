import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { addToIndex, createWxrIndex, siteOf, type WxrIndex } from '../domain/wxr-index.js';
import { mapWxrItem } from '../domain/wxr-map.js';
import { createWxrReader, WxrError, type WxrEvent } from '../domain/wxr-parse.js';
import type { Db } from '../storage/database.js';
import { createImportReport, type ImportReportJson } from './import-report.js';
import { runImport, type ImportRunOptions } from './import-run.js';

/**
 * `dateline import wordpress FILE.xml` (issue 17; record 0024). The export is read twice as a stream, never whole:
 * first to check it all (a cut or malformed file stops here, before anything is written) and to keep the small
 * things posts refer to; then each post is mapped as it comes and handed to the writer every importer shares
 * (import-run.ts: batches, one transaction each, resumable; a dry run rolled back).
 */
export interface WordpressImportOptions extends ImportRunOptions {
  /** Custom fields the loaded plugins declare: name → type. */
  declaredFields?: ReadonlyMap<string, string>;
}

const CHUNK = 256 * 1024;

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
  const site = siteOf(index.channel);
  const report = createImportReport('WordPress', file, site, opts.dryRun === true);
  report.setComments(index.comments);
  const declaredFields = opts.declaredFields ?? new Map<string, string>();
  await runImport(
    db,
    {
      scope: { source: 'wordpress', site },
      words: { source: 'WordPress', featured: 'sticky' },
      uploadsMarker: '/wp-content/uploads/',
      total: (index.itemsByType.get('post') ?? 0) + (index.itemsByType.get('page') ?? 0),
      plans: (emit) =>
        readEvents(file, async (events) => {
          for (const e of events) {
            if (e.kind !== 'item') continue;
            const decided = mapWxrItem(e.item, index, { declaredFields });
            if ('plan' in decided) await emit(decided.plan);
            else if (e.item.postType !== 'attachment' && e.item.postType !== 'guest-author') {
              const kind = e.item.postType === 'page' ? 'page' : e.item.postType === 'post' ? 'article' : 'item';
              report.skip(
                kind,
                `"${e.item.title || '(no title)'}" (id ${e.item.postId || '?'}, line ${e.item.line})`,
                decided.skip,
              );
            }
          }
        }),
    },
    report,
    opts,
  );
  return report.toJson((performance.now() - started) / 1000);
}
