import type SQLite from 'better-sqlite3';
import { LONGEST_WINDOW_SECONDS } from '../domain/ranking-window.js';
import { createLocalGate, type GateAndSalts } from './cluster-gate.js';
import { packCounts, sumByHour, unpackCounts, type ViewStore } from './view-store.js';

/** Log rows folded into the hours per transaction: a catch-up after a long stop holds the write lock briefly. */
const FOLD_BATCH = 5_000;

/** Sums counts into (hour, article, views) rows. */
/**
 * The embedded backend. Counted views go to a log table, one row per flush; every process reads the rows it
 * has not seen, so workers sharing the file share one ranking. Dedupe, cap and salt live in memory: in this
 * process, or in the cluster's primary when several workers share the file (cluster-gate.ts).
 */
export const createSqliteViewStore = (db: SQLite.Database, gate: GateAndSalts = createLocalGate()): ViewStore => {
  const insertLog = db.prepare('insert into view_log (first_second, counts) values (?, ?)');
  const readLog = db.prepare('select id, counts from view_log where id > ? and first_second > ? order by id');
  const upsertHour = db.prepare(
    'insert into view_hour (hour, article_id, views) values (?, ?, ?) on conflict (hour, article_id) do update set views = views + excluded.views',
  );
  const watermark = db.prepare('select last_log_id from view_hour_folded where id = 1').pluck();
  const logAfter = db.prepare('select id, counts from view_log where id > ? order by id limit ?');
  const moveWatermark = db.prepare('update view_hour_folded set last_log_id = ? where id = 1');
  // Reading past the watermark, adding to the hours and moving the watermark commit together, and BEGIN IMMEDIATE
  // makes a second process wait for the first to finish: each log row is added exactly once, whoever folds.
  const foldBatch = db.transaction((): number => {
    const rows = logAfter.all(watermark.get(), FOLD_BATCH) as { id: number; counts: Buffer }[];
    if (rows.length === 0) return 0;
    for (const row of sumByHour(rows.flatMap((r) => unpackCounts(r.counts)))) upsertHour.run(...row);
    moveWatermark.run(rows[rows.length - 1]!.id);
    return rows.length;
  });
  const lastLogId = db.prepare('select coalesce(max(id), 0) from view_log').pluck();
  const fold = () => {
    // Most calls (every chart read) find nothing new: two plain reads say so without taking the write lock.
    // <=, not ===: once pruning empties the log its last id reads 0, below the watermark.
    if (Number(lastLogId.get()) <= Number(watermark.get())) return;
    while (foldBatch.immediate() === FOLD_BATCH);
  };
  const hourly = db.prepare('select hour, views from view_hour where article_id = ? and hour > ? and hour <= ?');
  const pruneLog = db.prepare('delete from view_log where first_second <= ?');
  const pruneHours = db.prepare('delete from view_hour where hour <= ?');
  let cursor = 0;

  return {
    name: 'sqlite',
    admit: (candidates, nowSecond) => gate.admit(candidates, nowSecond),
    append: async (counts) => {
      if (counts.length > 0) insertLog.run(counts[0]!.second, packCounts(counts));
    },
    readNew: async (nowSecond) => {
      const rows = readLog.all(cursor, nowSecond - LONGEST_WINDOW_SECONDS - 3600) as { id: number; counts: Buffer }[];
      if (rows.length > 0) cursor = rows[rows.length - 1]!.id;
      return rows.flatMap((r) => unpackCounts(r.counts));
    },
    hourlyViews: async (articleId, nowSecond, hours) => {
      // Folding first makes the chart agree with the log, up to the last flush, in every process.
      fold();
      const current = Math.floor(nowSecond / 3600);
      const rows = hourly.all(articleId, current - hours, current) as { hour: number; views: number }[];
      const series = new Array<number>(hours).fill(0);
      for (const r of rows) series[hours - 1 - (current - r.hour)] = r.views;
      return series;
    },
    maintain: async (nowSecond) => {
      // Before the prune: a row must be in the hours before it may leave the log.
      fold();
      // A row's first second is its oldest; keep an hour's slack so a row straddling the edge stays.
      pruneLog.run(nowSecond - LONGEST_WINDOW_SECONDS - 3600);
      pruneHours.run(Math.floor((nowSecond - LONGEST_WINDOW_SECONDS) / 3600) - 24);
      gate.forgetBefore(Math.floor(nowSecond / 86_400));
    },
    saltFor: (day) => gate.saltFor(day),
    close: async () => {
      db.close();
    },
  };
};
