import type { LoadResult } from './load.js';

/** What the benchmarks share for reading their settings and printing their tables. */

/** A non-negative number from the environment, or the fallback when unset. */
export const envNumber = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return n;
};

export const log = (line = '') => process.stdout.write(`${line}\n`);
export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const pad = (s: string, n: number, right = false) => (right ? s.padStart(n) : s.padEnd(n));
export const passFail = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
export const us = (v: number | null) => (v === null ? 'n/a' : fmt(v, 1));
export const percent = (v: number | null) => (v === null ? 'n/a' : `${fmt(v)}%`);

/** The share of one core the serving process used during a run, in percent; null without its CPU figure. */
export const busyShare = (r: LoadResult): number | null =>
  r.cpuUsPerRequest === null ? null : (r.cpuUsPerRequest * r.requestsPerSecond) / 1e4;
