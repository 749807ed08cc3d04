import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createTurnBudget } from './turn-budget.js';

/** A clock the test moves, for both the turn's time and the loop's busy time: each answer "costs" what it adds. */
const fakeClock = () => {
  let t = 0;
  return { now: () => t, spend: (ms: number) => (t += ms) };
};

/**
 * Admits `count` answers at once, each spending `spend()`, and counts how many start in each turn until all have;
 * `betweenTurns` runs at the end of each turn.
 */
const startsPerTurn = async (
  admit: (run: () => void) => void,
  count: number,
  spend: () => void,
  betweenTurns: () => void = () => undefined,
): Promise<number[]> => {
  const perTurn: number[] = [];
  let thisTurn = 0;
  for (let n = 0; n < count; n++)
    admit(() => {
      thisTurn++;
      spend();
    });
  let total = 0;
  while (total < count) {
    perTurn.push(thisTurn);
    total += thisTurn;
    thisTurn = 0;
    betweenTurns();
    await nextTurn();
  }
  return perTurn;
};

describe('createTurnBudget', () => {
  it('answers at once within the budget, then makes later requests wait for the next turns, in arrival order', async () => {
    const clock = fakeClock();
    const admit = createTurnBudget(2, clock.now, clock.now);
    const answered: number[] = [];
    const answer = (n: number) => () => {
      answered.push(n);
      clock.spend(1);
    };
    // One turn: ten requests arrive together, each costing 1 ms.
    for (let n = 1; n <= 10; n++) admit(answer(n));
    // Within the turn: the first three (0, 1 and 2 ms into it are within the 2 ms budget); the rest wait.
    expect(answered).toEqual([1, 2, 3]);
    // A request arriving later in the same turn waits behind them.
    admit(answer(11));
    expect(answered).toEqual([1, 2, 3]);
    for (let turn = 0; turn < 20 && answered.length < 11; turn++) await nextTurn();
    expect(answered).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('starts as many waiting requests a turn as fit the budget at what answers have been costing', async () => {
    const clock = fakeClock();
    const admit = createTurnBudget(4, clock.now, clock.now);
    const perTurn = await startsPerTurn(admit, 200, () => clock.spend(0.5));
    // First turn: up to the budget at once (0 to 4 ms into it: nine). Then one while the cost is unknown (taken as
    // the whole budget), more as it is measured at 0.5 ms an answer, never more than 4 ms of them.
    expect(perTurn[0]).toBe(9);
    expect(perTurn[1]).toBe(1);
    const later = perTurn.slice(1, -1);
    for (const n of later) expect(n).toBeLessThanOrEqual(8);
    expect(later.slice(-5).every((n) => n >= 6)).toBe(true);
    // Never fewer a turn than the turn before while the cost holds.
    for (let i = 1; i < later.length; i++) expect(later[i]).toBeGreaterThanOrEqual(later[i - 1]!);
  });

  it("counts what answers cost in the loop's busy time, not the time a turn spends waiting for the database", async () => {
    const wall = fakeClock();
    const busy = fakeClock();
    const admit = createTurnBudget(4, wall.now, busy.now);
    const perTurn = await startsPerTurn(
      admit,
      200,
      () => {
        wall.spend(0.5);
        busy.spend(0.5);
      },
      // Each turn then waits 10 ms for the database, idle in the poll phase.
      () => wall.spend(10),
    );
    expect(
      perTurn
        .slice(1, -1)
        .slice(-5)
        .every((n) => n >= 6),
    ).toBe(true);
  });

  it('an expensive answer is started alone in its turn', async () => {
    const clock = fakeClock();
    const admit = createTurnBudget(2, clock.now, clock.now);
    const perTurn = await startsPerTurn(admit, 12, () => clock.spend(5));
    expect(perTurn[0]).toBe(1);
    expect(perTurn).toEqual(Array.from({ length: 12 }, () => 1));
  });
});
