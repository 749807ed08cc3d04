/**
 * How long a sign-in must wait before its password is even checked. Nothing here locks an account: every rule
 * slows the one who failed, and the longest wait is a few minutes, so the owner always gets in once their own
 * wait is over, whatever an attacker does from elsewhere.
 */

/** Failures are remembered this long; older ones no longer count and are deleted. */
export const FAILURE_WINDOW_SECONDS = 3600;

/**
 * Wrong passwords one address may try for one account before it waits. Five covers a person fumbling caps lock
 * and an old password; after that each attempt waits twice as long as the one before.
 */
export const PAIR_FREE_FAILURES = 5;
export const PAIR_FIRST_WAIT_SECONDS = 5;

/**
 * Wrong passwords one address may try across all accounts before it waits (a password spray tries one password
 * on many accounts, which the per-account rule never sees). Thirty an hour leaves room for a newsroom behind one
 * office NAT having a bad morning; then the waits start at 2 s and double.
 */
export const ADDRESS_FREE_FAILURES = 30;
export const ADDRESS_FIRST_WAIT_SECONDS = 2;

/**
 * No wait is longer than this. Five minutes lets a patient attacker try about a dozen passwords an hour from one
 * address against one account (the doubling and the one-hour window settle there), far too few to guess a
 * 12-character password, while an owner who mistyped is never kept out for long.
 */
export const LONGEST_WAIT_SECONDS = 300;

/**
 * Failures on one account from all addresses together, in the window, beyond which the account counts as under
 * attack from many addresses. A newsroom account sees a handful of typos an hour; a hundred means a botnet.
 * Then an address that has not failed on it must wait once before its first try, and an address that has
 * failed waits from its first failure. It slows a botnet's fresh addresses; it never blocks anybody.
 */
export const ACCOUNT_CEILING_FAILURES = 100;
export const UNDER_ATTACK_FREE_FAILURES = 1;
export const UNDER_ATTACK_FIRST_TRY_WAIT_SECONDS = 10;

/**
 * The failure table holds about this many rows at most (about 100 bytes each, so 1 MB): a spray from many
 * thousand addresses keeps the newest rows, which are the ones the waits are computed from.
 */
export const MAX_FAILURE_ROWS = 10_000;

/**
 * Finding the cap's cut-off walks that many index entries: 15 ms on PostgreSQL with a churned table, 2 ms on
 * SQLite, beside some 20 ms of password hashing. So one failure in 32, at random (an attacker cannot steer which),
 * trims the table back to the cap: 0.5 ms a failure on average, and between two trims the table grows by three
 * rows a failure, past the cap by 1,500 rows only once in ten million.
 */
export const CAP_CHECK_ONE_IN = 32;

/** Failures under one key in the window: how many, and when the last one was (ms), or null when none. */
export interface FailureTally {
  count: number;
  lastAt: number | null;
}

/** Whose failures make this attempt wait, and for how many whole seconds. */
export interface SignInWait {
  why: 'pair' | 'address' | 'account';
  seconds: number;
}

/** What is known about one attempt, by key: its account and address together, its address, its account. */
export interface AttemptHistory {
  pair: FailureTally;
  address: FailureTally;
  account: FailureTally;
  /** When this address was first told to wait while the account was under attack (ms), or null. */
  heldSince: number | null;
}

const NO_FAILURES: FailureTally = { count: 0, lastAt: null };
export const noFailures = (): FailureTally => ({ ...NO_FAILURES });

const secondsLeft = (until: number, now: number): number => (until > now ? Math.ceil((until - now) / 1000) : 0);

/** The wait after `tally` failures when `free` are allowed: doubling from `first` seconds, capped. */
export function waitAfterFailures(tally: FailureTally, free: number, first: number, now: number): number {
  if (tally.lastAt === null || tally.count < free) return 0;
  const seconds = Math.min(LONGEST_WAIT_SECONDS, first * 2 ** Math.min(tally.count - free, 30));
  return secondsLeft(tally.lastAt + seconds * 1000, now);
}

export const isUnderAttack = (account: FailureTally): boolean => account.count >= ACCOUNT_CEILING_FAILURES;

/**
 * The longest of the waits that apply, or null to check the password now. `accountCeiling: false` leaves out
 * the under-attack rule, for a person already signed in (changing their password).
 */
export function decideSignInWait(
  history: AttemptHistory,
  now: number,
  options: { accountCeiling: boolean } = { accountCeiling: true },
): SignInWait | null {
  const underAttack = options.accountCeiling && isUnderAttack(history.account);
  const free = underAttack ? UNDER_ATTACK_FREE_FAILURES : PAIR_FREE_FAILURES;
  const waits: SignInWait[] = [
    { why: 'pair', seconds: waitAfterFailures(history.pair, free, PAIR_FIRST_WAIT_SECONDS, now) },
    {
      why: 'address',
      seconds: waitAfterFailures(history.address, ADDRESS_FREE_FAILURES, ADDRESS_FIRST_WAIT_SECONDS, now),
    },
  ];
  if (underAttack && history.pair.count === 0) {
    const held = history.heldSince ?? now;
    waits.push({ why: 'account', seconds: secondsLeft(held + UNDER_ATTACK_FIRST_TRY_WAIT_SECONDS * 1000, now) });
  }
  const longest = waits.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  return longest.seconds > 0 ? longest : null;
}
