import { performance as loopTiming } from 'node:perf_hooks';

/**
 * How long the event loop has been busy, in milliseconds: the time since it started less the time it waited for I/O
 * in its poll phase (libuv's own count, read without a system call). process.cpuUsage() (getrusage) cost a system
 * call at each check phase, 3% of a walked answer on this VM, and counted the GC's helper threads as the loop's.
 */
const loopBusyMs = (): number => loopTiming.eventLoopUtilization().active;

/** The most waiting requests one turn starts, however cheap they have been. */
const MOST_A_TURN = 32;

/**
 * Bounds how long one turn of the event loop spends answering requests. libuv accepts one new connection per turn
 * (libuv 1.45+), and on SQLite an answer is all synchronous work: a turn answers every request that arrived since
 * the last, so under load a turn lasts as long as the requests of all open connections, and a connection opened
 * meanwhile waits one such turn per connection ahead of it. Fifty opened at once under the archive walk waited up
 * to 600 ms to be accepted. Past the budget, requests wait in arrival order; each turn's check phase then starts
 * as many of them as fit the budget at the cost answers have been taking, so every turn stays short and accepts
 * its connection soon.
 *
 * The cost is measured, not the synchronous start of an answer: its work runs on in microtasks after `run`
 * returns, so the loop's busy time from one batch's start to the next check phase, divided by the batch, is what
 * an answer costs (with the turn's own polling). Busy time rather than the clock: on PostgreSQL the turn also waits
 * for the database, and counting that wait as cost let one waiting request start a turn.
 *
 * Returns `admit(run)`: runs `run` now, or queues it behind those already waiting.
 */
export const createTurnBudget = (
  budgetMs: number,
  now: () => number = () => performance.now(),
  busyNow: () => number = loopBusyMs,
): ((run: () => void) => void) => {
  /** When this turn's first answer began; null: none yet in this turn. */
  let turnStart: number | null = null;
  let scheduled = false;
  const waiting: (() => void)[] = [];
  /** What an answer has been costing, smoothed; until measured, a whole budget. */
  let answerMs = budgetMs;
  let batchStart = 0;
  let batchSize = 0;

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(checkPhase);
  };
  function checkPhase() {
    scheduled = false;
    turnStart = null;
    // A turn that only answered at once, with nothing waiting: no batch to measure.
    if (batchSize === 0 && waiting.length === 0) return;
    const busy = busyNow();
    if (batchSize > 0) answerMs = 0.7 * answerMs + 0.3 * ((busy - batchStart) / batchSize);
    batchSize = 0;
    if (waiting.length === 0) return;
    turnStart = now();
    batchStart = busy;
    const fits = Math.max(1, Math.min(MOST_A_TURN, Math.floor(budgetMs / answerMs)));
    while (batchSize < fits && waiting.length > 0) {
      batchSize++;
      waiting.shift()!();
    }
    // Again next turn: to start the next batch, or to measure this one.
    schedule();
  }

  return (run) => {
    if (waiting.length === 0) {
      if (turnStart === null) {
        turnStart = now();
        schedule();
        run();
        return;
      }
      if (now() - turnStart <= budgetMs) {
        run();
        return;
      }
    }
    waiting.push(run);
    schedule();
  };
};
