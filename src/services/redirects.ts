import type { Db } from '../storage/database.js';
import {
  deleteRedirectRow,
  findRedirectRows,
  findRedirectRowsTo,
  findRedirectTarget,
  insertRedirectRow,
  listRedirectRows,
  updateRedirectRow,
  type RedirectRow,
} from '../storage/repositories/redirect.repository.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';
import { InvalidInput } from './errors.js';
import { keyOfTarget, redirectKey, redirectTarget, searchNeedle } from './redirects-path.js';

/**
 * Old addresses kept (issue 17; docs/architecture/0023-redirects.md): the importers' and the newsroom's one way to
 * write the redirects table. The reader answers them (server/reader/redirect-answer.ts) only where it would say 404.
 */

export const REDIRECT_SOURCES = ['wordpress', 'ghost', 'newsroom', 'site-import'] as const;
export type RedirectSource = (typeof REDIRECT_SOURCES)[number];

export interface RedirectInput {
  from: string;
  to: string;
  source?: RedirectSource;
}

export interface RedirectListing {
  from: string;
  to: string;
  source: string | null;
  createdAt: number;
}

export interface SaveRedirectsResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** Redirects the newsroom lists on a page. */
export const REDIRECTS_PAGE_SIZE = 50;

/** A row checked: its key, its target as stored and the target's own key. */
interface Checked {
  from: string;
  to: string;
  toKey: string;
  source: RedirectSource | null;
}

/** Each row checked; the first bad one refuses the batch, naming the row by the address as given. */
const checkRows = (rows: readonly RedirectInput[]): Checked[] =>
  rows.map((row) => {
    const from = redirectKey(typeof row.from === 'string' ? row.from : '');
    const to = redirectTarget(typeof row.to === 'string' ? row.to : '');
    const fields: Record<string, string> = {};
    if (!from.ok) fields.from = from.message;
    if (!to.ok) fields.to = to.message;
    if (!from.ok || !to.ok) throw new InvalidInput(rows.length > 1 ? named(row, fields) : fields);
    return { from: from.path, to: to.path, toKey: keyOfTarget(to.path), source: row.source ?? null };
  });

const named = (row: RedirectInput, fields: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, `${String(row.from)} → ${String(row.to)}: ${v}`]));

const loop = (row: Checked): InvalidInput =>
  new InvalidInput({ to: `${row.from} would lead back to itself: an address cannot move to where it is.` });

/**
 * Adds or replaces redirects by `from` in one transaction (a transaction passed in is joined). From and to are
 * paths of this site ("/…"); an old address may carry a query ("/?p=123"). Never a loop (to the same address) and
 * never a chain: a target that is itself an old address is replaced by that one's target, and older redirects to
 * an address that now moves are pointed at its new target. Counts are of the rows given (the last of two with the
 * same `from` wins). A bad row refuses the whole batch with InvalidInput: importers leave out rows whose address did
 * not change (`sameAddress`, redirects-path.ts), which would be loops.
 */
export const saveRedirects = async (db: Db, rows: readonly RedirectInput[]): Promise<SaveRedirectsResult> => {
  const checked = checkRows(rows);
  if (checked.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  const work = async (trx: Db): Promise<SaveRedirectsResult> => {
    const now = Date.now();
    const batch = new Map(checked.map((row) => [row.from, row]));
    const stored = new Map((await findRedirectRows(trx, [...batch.keys()])).map((r) => [r.from_path, r]));
    // Targets that are old addresses already stored (and not replaced by this batch).
    const targetKeys = [...new Set(checked.map((r) => r.toKey))].filter((k) => !batch.has(k));
    const storedTargets = new Map((await findRedirectRows(trx, targetKeys)).map((r) => [r.from_path, r.to_path]));
    const finalOf = (row: Checked): string => {
      const seen = new Set([row.from]);
      let to = row.to;
      let key = row.toKey;
      for (;;) {
        if (seen.has(key)) throw loop(row);
        seen.add(key);
        const next = batch.get(key)?.to ?? storedTargets.get(key);
        if (next === undefined) return to;
        to = next;
        key = keyOfTarget(next);
      }
    };
    const result = { created: 0, updated: 0, unchanged: 0 };
    const finals = new Map<string, string>();
    for (const row of batch.values()) finals.set(row.from, finalOf(row));
    for (const row of checked) {
      const old = stored.get(row.from);
      const to = finals.get(row.from)!;
      if (!old) result.created++;
      else if (old.to_path === to && (row.source === null || old.source === row.source)) result.unchanged++;
      else result.updated++;
      stored.set(row.from, { from_path: row.from, to_path: to, source: row.source, created_at: now, updated_at: now });
      if (!old)
        await insertRedirectRow(trx, {
          from_path: row.from,
          to_path: to,
          source: row.source,
          created_at: now,
          updated_at: now,
        });
      else if (old.to_path !== to || (row.source !== null && old.source !== row.source))
        await updateRedirectRow(trx, row.from, {
          to_path: to,
          ...(row.source ? { source: row.source } : {}),
          updated_at: now,
        });
    }
    const changed = result.created + result.updated > 0;
    if (changed) await repointChains(trx, finals, now);
    if (changed) await bumpContentVersion(trx);
    return result;
  };
  return db.isTransaction ? work(db) : db.transaction().execute(work);
};

/**
 * Older redirects whose target is an address that now moves (X → A, then A → B) are pointed at its new target
 * (X → B): the reader answers every old address with one hop. Targets are compared by key, so "/a/" and "/a" are one.
 */
const repointChains = async (trx: Db, finals: ReadonlyMap<string, string>, now: number): Promise<void> => {
  // Stored targets are spelled as given: the ways a key may be written with or without its slash.
  const spellings = [...finals.keys()].flatMap((key) => (key.includes('?') ? [key] : [key, `${key}/`]));
  const pointing: RedirectRow[] = await findRedirectRowsTo(trx, spellings);
  for (const row of pointing) {
    const to = finals.get(keyOfTarget(row.to_path));
    if (to === undefined || finals.has(row.from_path)) continue;
    if (keyOfTarget(to) === row.from_path) {
      // X → A and now A → X: X is where A's readers go, so X no longer moves.
      await deleteRedirectRow(trx, row.from_path);
      continue;
    }
    await updateRedirectRow(trx, row.from_path, { to_path: to, updated_at: now });
  }
};

/** Removes one redirect, by the old address in any spelling; false when there was none. */
export const deleteRedirect = async (db: Db, from: string): Promise<boolean> => {
  const key = redirectKey(from);
  if (!key.ok) return false;
  const work = async (trx: Db): Promise<boolean> => {
    const gone = await deleteRedirectRow(trx, key.path);
    if (gone) await bumpContentVersion(trx);
    return gone;
  };
  return db.isTransaction ? work(db) : db.transaction().execute(work);
};

/** One page (from 1) of redirects, newest first; `query` is looked for in either address. */
export const listRedirects = async (
  db: Db,
  opts: { page: number; query?: string },
): Promise<{ rows: RedirectListing[]; total: number }> => {
  const page = Number.isInteger(opts.page) && opts.page > 0 ? opts.page : 1;
  const needle = searchNeedle(opts.query ?? '');
  const { rows, total } = await listRedirectRows(db, {
    limit: REDIRECTS_PAGE_SIZE,
    offset: (page - 1) * REDIRECTS_PAGE_SIZE,
    ...(needle ? { needle } : {}),
  });
  return {
    rows: rows.map((r) => ({ from: r.from_path, to: r.to_path, source: r.source, createdAt: Number(r.created_at) })),
    total,
  };
};

/** The target of an old address already brought to its key (redirects-path.ts, `requestKeys`); null for none. */
export const redirectTargetOfKey = async (db: Db, key: string): Promise<string | null> =>
  (await findRedirectTarget(db, key)) ?? null;
