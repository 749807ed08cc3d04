import { addressBlockOf } from '../domain/address-block.js';
import { randomInt } from 'node:crypto';
import {
  CAP_CHECK_ONE_IN,
  decideSignInWait,
  FAILURE_WINDOW_SECONDS,
  MAX_FAILURE_ROWS,
  noFailures,
  type SignInWait,
} from '../domain/sign-in-throttle.js';
import type { Db } from '../storage/database.js';
import {
  deleteFailureRowsBeyond,
  deleteFailureRowsOfKeys,
  deleteFailureRowsUntil,
  insertFailureRows,
  lockAccountRowByEmail,
  tallyFailureRows,
} from '../storage/repositories/user.repository.js';

export type { SignInWait } from '../domain/sign-in-throttle.js';

// No account has a longer email; a longer one typed at sign-in is cut, so an attacker cannot fill the table's
// keys with megabytes.
const LONGEST_EMAIL = 254;

/** The keys one attempt's failures are counted under (see the login_failure table). */
const keysOf = (email: string, ip: string) => {
  const account = `email:${email.slice(0, LONGEST_EMAIL)}`;
  const address = `ip:${addressBlockOf(ip)}`;
  const pair = `${account}|${address}`;
  return { account, address, pair, held: `held:${pair}` };
};

/**
 * Asks whether this attempt (email already trimmed and lower-cased) must wait; when it need not, reserves a
 * failure for the pair before the password is checked, so that a burst of attempts sent at once is counted one
 * by one instead of all passing the check together. The reservation is the failure if the password is wrong
 * (then recordFailedAttempt adds the address's and account's), and is cleared by forgetPairFailures if right.
 * A refused attempt records nothing: waiting is not failing.
 */
export const beginAttempt = (
  db: Db,
  email: string,
  ip: string,
  now: Date,
  options: { accountCeiling: boolean } = { accountCeiling: true },
): Promise<SignInWait | null> =>
  db.transaction().execute(async (trx) => {
    const keys = keysOf(email, ip);
    await lockAccountRowByEmail(trx, email);
    const since = now.getTime() - FAILURE_WINDOW_SECONDS * 1000;
    const tally = await tallyFailureRows(trx, Object.values(keys), since);
    const history = {
      pair: tally.get(keys.pair) ?? noFailures(),
      address: tally.get(keys.address) ?? noFailures(),
      account: tally.get(keys.account) ?? noFailures(),
      heldSince: tally.get(keys.held)?.lastAt ?? null,
    };
    const wait = decideSignInWait(history, now.getTime(), options);
    // The first time a fresh address is held back, remember when, so that its wait ends.
    if (wait?.why === 'account' && history.heldSince === null) await insertFailureRows(trx, [keys.held], now.getTime());
    if (!wait) await insertFailureRows(trx, [keys.pair], now.getTime());
    return wait;
  });

/**
 * Counts a wrong password against the address and the account (the pair's was reserved by beginAttempt), then
 * keeps the table bounded: failures older than the window go, and now and then those beyond the row cap.
 */
export const recordFailedAttempt = async (db: Db, email: string, ip: string, now: Date): Promise<void> => {
  const keys = keysOf(email, ip);
  await insertFailureRows(db, [keys.address, keys.account], now.getTime());
  await deleteFailureRowsUntil(db, now.getTime() - FAILURE_WINDOW_SECONDS * 1000);
  if (randomInt(CAP_CHECK_ONE_IN) === 0) await deleteFailureRowsBeyond(db, MAX_FAILURE_ROWS);
};

/** The right password from this address: its failures on this account are forgiven. */
export const forgetPairFailures = async (db: Db, email: string, ip: string): Promise<void> => {
  const keys = keysOf(email, ip);
  await deleteFailureRowsOfKeys(db, [keys.pair, keys.held]);
};

/** What the person is told, by whose failures they wait. */
export const waitMessage = (wait: SignInWait): string => {
  const when = `try again in ${wait.seconds} second${wait.seconds === 1 ? '' : 's'}`;
  switch (wait.why) {
    case 'pair':
      return `Too many attempts from this address for this account; ${when}.`;
    case 'address':
      return `Too many attempts from this address; ${when}.`;
    case 'account':
      return `This account has had many failed sign-ins from elsewhere; ${when}.`;
  }
};
