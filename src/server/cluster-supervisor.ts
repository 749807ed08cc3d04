import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

/** How the primary replaces workers that die. */
export interface RestartPolicy {
  /** The wait before replacing a worker; it doubles with each short life in a row of the same slot. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A worker that ran this long proved the slot can run: its backoff starts over. */
  stableAfterMs: number;
  /** This many workers of one slot in a row ended without ever listening: they cannot start, so give up. */
  maxFailedStarts: number;
  /** How long stopping workers get to finish (flush counted views) before they are killed. */
  stopGraceMs: number;
}

/**
 * A worker that cannot start (port taken, database unreachable, a broken build) fails the same way every time, so
 * five failed starts in a row end the primary, about 8 s in. A worker that did listen and then died may have met a
 * passing condition or one bad request: it is replaced for as long as it takes, at most every 30 s.
 */
export const RESTART_POLICY: RestartPolicy = {
  firstDelayMs: 500,
  maxDelayMs: 30_000,
  stableAfterMs: 30_000,
  maxFailedStarts: 5,
  stopGraceMs: 10_000,
};

/** What one worker slot remembers of the workers that held it. */
export interface SlotRecord {
  /** Workers in a row that exited without listening. */
  failedStarts: number;
  /** Workers in a row that exited before stableAfterMs. */
  shortLives: number;
}

export interface WorkerEnd {
  listened: boolean;
  livedMs: number;
}

export type NextStep = { restartInMs: number; record: SlotRecord } | { giveUp: true; record: SlotRecord };

/** What to do once a slot's worker has exited. */
export const afterWorkerExit = (record: SlotRecord, end: WorkerEnd, policy: RestartPolicy): NextStep => {
  const next: SlotRecord = {
    failedStarts: end.listened ? 0 : record.failedStarts + 1,
    shortLives: end.livedMs >= policy.stableAfterMs ? 0 : record.shortLives + 1,
  };
  if (next.failedStarts >= policy.maxFailedStarts) return { giveUp: true, record: next };
  const doublings = Math.max(0, next.shortLives - 1);
  return { restartInMs: Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** doublings), record: next };
};

interface Slot {
  record: SlotRecord;
  worker: Worker | null;
  restart: NodeJS.Timeout | null;
}

const howItEnded = (code: number | null, signal: string | null): string =>
  signal ? `signal ${signal}` : `exit code ${code}`;

/**
 * In the primary: keeps `count` workers running, replacing each that dies after a backoff, and gives up with one
 * error line and exit code 1 when a slot's workers keep failing to start. SIGTERM and SIGINT stop every worker
 * (each flushes what it counted) and replace none.
 */
export const superviseWorkers = (count: number, logger: Logger, policy: RestartPolicy = RESTART_POLICY): void => {
  const slots: Slot[] = Array.from({ length: count }, () => ({
    record: { failedStarts: 0, shortLives: 0 },
    worker: null,
    restart: null,
  }));
  let stopping = false;
  let gaveUp = false;
  let killLingering: NodeJS.Timeout | null = null;

  const whenAllStopped = () => {
    if (slots.some((slot) => slot.worker)) return;
    if (killLingering) clearTimeout(killLingering);
    // Exit explicitly after giving up: whatever else the primary holds open must not keep a failed server alive.
    if (gaveUp) process.exit(1);
  };

  const stopAll = () => {
    if (stopping) return;
    stopping = true;
    for (const slot of slots) {
      if (slot.restart) clearTimeout(slot.restart);
      slot.worker?.process.kill('SIGTERM');
    }
    killLingering = setTimeout(() => {
      for (const slot of slots) slot.worker?.process.kill('SIGKILL');
    }, policy.stopGraceMs);
    whenAllStopped();
  };

  const start = (slot: Slot) => {
    slot.restart = null;
    const startedAt = Date.now();
    let listened = false;
    const worker = cluster.fork();
    slot.worker = worker;
    worker.once('listening', () => (listened = true));
    worker.once('exit', (code: number | null, signal: string | null) => {
      slot.worker = null;
      if (stopping) return whenAllStopped();
      const livedMs = Date.now() - startedAt;
      const step = afterWorkerExit(slot.record, { listened, livedMs }, policy);
      slot.record = step.record;
      const ended = howItEnded(code, signal);
      if ('giveUp' in step) {
        gaveUp = true;
        logger.error(
          `Dateline gave up: ${step.record.failedStarts} workers in a row exited before listening, the last ` +
            `(pid ${worker.process.pid}) with ${ended}; stopping the other workers (their errors above say why)`,
        );
        return stopAll();
      }
      const lived = `${(livedMs / 1000).toFixed(1)} s${listened ? '' : ' without listening'}`;
      logger.error(
        `worker ${worker.process.pid} exited with ${ended} after ${lived}; ` +
          `starting another in ${step.restartInMs / 1000} s`,
      );
      slot.restart = setTimeout(() => start(slot), step.restartInMs);
    });
  };

  for (const slot of slots) start(slot);
  process.once('SIGTERM', stopAll);
  process.once('SIGINT', stopAll);
};
