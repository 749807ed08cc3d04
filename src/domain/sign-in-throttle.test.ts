import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_CEILING_FAILURES,
  decideSignInWait,
  LONGEST_WAIT_SECONDS,
  noFailures,
  UNDER_ATTACK_FIRST_TRY_WAIT_SECONDS,
  waitAfterFailures,
  type AttemptHistory,
} from './sign-in-throttle.js';

const NOW = Date.UTC(2026, 2, 1, 9);
const failed = (count: number, secondsAgo = 0) => ({ count, lastAt: NOW - secondsAgo * 1000 });
const history = (over: Partial<AttemptHistory>): AttemptHistory => ({
  pair: noFailures(),
  address: noFailures(),
  account: noFailures(),
  heldSince: null,
  ...over,
});

describe('the wait after failed sign-ins', () => {
  it('lets the first few failures through and then doubles the wait', () => {
    expect([4, 5, 6, 7].map((n) => waitAfterFailures(failed(n), 5, 5, NOW))).toEqual([0, 5, 10, 20]);
  });

  it('counts the wait from the last failure', () => {
    expect(waitAfterFailures(failed(6, 4), 5, 5, NOW)).toBe(6);
    expect(waitAfterFailures(failed(6, 10), 5, 5, NOW)).toBe(0);
  });

  it('never waits longer than the longest wait, however many failures', () => {
    expect(waitAfterFailures(failed(5_000), 5, 5, NOW)).toBe(LONGEST_WAIT_SECONDS);
  });

  it('names the pair of account and address when their failures make it wait', () => {
    expect(decideSignInWait(history({ pair: failed(5) }), NOW)).toEqual({ why: 'pair', seconds: 5 });
  });

  it('makes an address that failed on many accounts wait', () => {
    expect(decideSignInWait(history({ address: failed(30) }), NOW)).toEqual({ why: 'address', seconds: 2 });
  });

  it('makes a fresh address wait once, not for ever, while the account is under attack', () => {
    const attacked = failed(ACCOUNT_CEILING_FAILURES);
    expect(decideSignInWait(history({ account: attacked }), NOW)).toEqual({
      why: 'account',
      seconds: UNDER_ATTACK_FIRST_TRY_WAIT_SECONDS,
    });
    const heldSince = NOW - UNDER_ATTACK_FIRST_TRY_WAIT_SECONDS * 1000;
    expect(decideSignInWait(history({ account: attacked, heldSince }), NOW)).toBeNull();
  });

  it('leaves an account under attack alone for someone already signed in', () => {
    const attacked = history({ account: failed(ACCOUNT_CEILING_FAILURES) });
    expect(decideSignInWait(attacked, NOW, { accountCeiling: false })).toBeNull();
  });

  it('lets an address with no failures straight through when the account is calm', () => {
    expect(decideSignInWait(history({ account: failed(ACCOUNT_CEILING_FAILURES - 1) }), NOW)).toBeNull();
  });
});
