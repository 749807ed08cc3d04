import { describe, expect, it } from 'vitest';
import {
  afterWorkerExit,
  RESTART_POLICY,
  type NextStep,
  type SlotRecord,
  type WorkerEnd,
} from './cluster-supervisor.js';

/** The steps taken for a run of worker ends in one slot, starting from a fresh slot. */
const stepsFor = (ends: WorkerEnd[]): NextStep[] => {
  let record: SlotRecord = { failedStarts: 0, shortLives: 0 };
  return ends.map((end) => {
    const step = afterWorkerExit(record, end, RESTART_POLICY);
    record = step.record;
    return step;
  });
};
const waits = (steps: NextStep[]) => steps.map((step) => ('restartInMs' in step ? step.restartInMs : 'give up'));

const crashedSoonAfterListening: WorkerEnd = { listened: true, livedMs: 2_000 };
const neverListened: WorkerEnd = { listened: false, livedMs: 1_500 };
const ranForAnHour: WorkerEnd = { listened: true, livedMs: 3_600_000 };

describe('replacing a dead worker', () => {
  it('waits twice as long after each short life in a row, up to 30 seconds, and keeps replacing', () => {
    const steps = stepsFor(Array.from({ length: 10 }, () => crashedSoonAfterListening));
    expect(waits(steps)).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000]);
  });

  it('starts the backoff over once a worker has run for a while', () => {
    const steps = stepsFor([
      crashedSoonAfterListening,
      crashedSoonAfterListening,
      ranForAnHour,
      crashedSoonAfterListening,
    ]);
    expect(waits(steps)).toEqual([500, 1_000, 500, 500]);
  });

  it('gives up at the fifth worker in a row that never listened', () => {
    const steps = stepsFor(Array.from({ length: 5 }, () => neverListened));
    expect(waits(steps)).toEqual([500, 1_000, 2_000, 4_000, 'give up']);
  });

  it('counts failed starts only in a row: a worker that listened in between resets them', () => {
    const steps = stepsFor([
      neverListened,
      neverListened,
      neverListened,
      neverListened,
      crashedSoonAfterListening,
      neverListened,
    ]);
    expect(steps.every((step) => 'restartInMs' in step)).toBe(true);
    expect(steps.at(-1)!.record.failedStarts).toBe(1);
  });
});
