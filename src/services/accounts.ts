import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { isRole, type Role } from '../domain/permissions.js';
import type { Db } from '../storage/database.js';
import {
  countAccountRows,
  deleteExpiredSessionRows,
  deleteSessionRow,
  deleteSessionRowsOf,
  findAccountRowByEmail,
  findCredentialRowByEmail,
  findPasswordHash,
  findSessionRow,
  insertAccountRow,
  insertSessionRow,
  updatePasswordHash,
} from '../storage/repositories/user.repository.js';
import { fieldErrorsOf, InvalidInput, NotAllowed, type FieldErrors } from './errors.js';
import { claimSettingRow } from '../storage/repositories/site.repository.js';
import { consumeSetupCodes } from './first-run.js';
import { beginAttempt, forgetPairFailures, recordFailedAttempt, type SignInWait } from './sign-in-throttle.js';

export interface Account {
  id: number;
  email: string;
  name: string;
  role: Role;
}

export const SESSION_SECONDS = 12 * 3600;

let argon2: Promise<typeof import('@node-rs/argon2')> | undefined;
/** Loaded at the first password, once: reader processes that never see a sign-in do without its native code. */
const loadArgon2 = () => (argon2 ??= import('@node-rs/argon2'));

// Argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum.
const hashPassword = async (password: string) => (await loadArgon2()).hash(password);
/** False for a wrong password and for a stored hash the library cannot read alike. */
const verifyPassword = async (stored: string, password: string): Promise<boolean> => {
  const { verify } = await loadArgon2();
  return verify(stored, password).catch(() => false);
};

const PasswordSchema = z.string().min(12, 'Use at least 12 characters.').max(200, 'Use at most 200 characters.');

export const NewAccountSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).email('Enter an email address like name@example.com.'),
  name: z.string().trim().min(1, 'Enter a name.').max(120, 'Use at most 120 characters.'),
  role: z.string().refine(isRole, 'Choose contributor, editor or admin.'),
  password: PasswordSchema,
});

// A role the code no longer knows gets the least trust rather than an error page for its holder.
const toAccount = (row: { id: number; email: string; name: string; role: string }): Account => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: isRole(row.role) ? row.role : 'contributor',
});

export const countAccounts = (db: Db): Promise<number> => countAccountRows(db);

/** The account with that email (any case), or null. */
export const findAccountByEmail = async (db: Db, email: string): Promise<Account | null> => {
  const row = await findAccountRowByEmail(db, email.trim().toLowerCase());
  return row ? toAccount(row) : null;
};

export const createAccount = async (db: Db, input: unknown, now = new Date()): Promise<Account> => {
  const parsed = NewAccountSchema.safeParse(input);
  if (!parsed.success) throw new InvalidInput(fieldErrorsOf(parsed.error));
  const { email, name, role, password } = parsed.data;
  const taken = () => new InvalidInput({ email: 'An account with this email already exists.' });
  if (await findAccountRowByEmail(db, email)) throw taken();
  const passwordHash = await hashPassword(password);
  // The same form sent twice at once passes the check above twice: the second insert finds the email taken.
  const row = await insertAccountRow(db, { email, name, role, password_hash: passwordHash, created_at: now.getTime() });
  if (!row) throw taken();
  return toAccount(row);
};

/**
 * Creates the first account, an admin, once: whatever the race (eight set-up forms sent at once), exactly one
 * owner. The claim and the account are one transaction, so a refused form (a short password) claims nothing;
 * the setup codes (first-run.ts) are used up with it.
 */
export const createOwner = (
  db: Db,
  input: { name: string; email: string; password: string },
  now = new Date(),
): Promise<Account> =>
  db.transaction().execute(async (trx) => {
    const refused = () => new NotAllowed('The owner account exists; sign in instead.');
    if (!(await claimSettingRow(trx, 'owner_created_at', now.getTime()))) throw refused();
    // Databases set up before the claim existed have an owner but no claim.
    if ((await countAccountRows(trx)) > 0) throw refused();
    const owner = await createAccount(trx, { ...input, role: 'admin' }, now);
    await consumeSetupCodes(trx);
    return owner;
  });

export type SignInResult =
  | { ok: true; account: Account }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; wait: SignInWait };

// Verifying against a real hash when the account does not exist keeps the timing the same either way.
let dummyHash: Promise<string> | null = null;

/**
 * Checks a password, unless this address has failed too often lately (sign-in-throttle.ts): then it says how
 * long to wait and the password is not looked at. Failures slow their own address; none locks the account.
 */
export const signIn = async (
  db: Db,
  email: string,
  password: string,
  ip: string,
  now = new Date(),
): Promise<SignInResult> => {
  const normalised = email.trim().toLowerCase();
  const wait = await beginAttempt(db, normalised, ip, now);
  if (wait) return { ok: false, reason: 'throttled', wait };
  const row = await findCredentialRowByEmail(db, normalised);
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const valid = await verifyPassword(row?.password_hash ?? (await dummyHash), password);
  if (!row || !valid || row.disabled) {
    await recordFailedAttempt(db, normalised, ip, now);
    return { ok: false, reason: 'invalid' };
  }
  await forgetPairFailures(db, normalised, ip);
  return { ok: true, account: toAccount(row) };
};

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface Session {
  account: Account;
  csrfToken: string;
  expiresAt: number;
}

/** Starts a session; returns the token for the cookie (never stored) and the CSRF token for forms. */
export const startSession = async (
  db: Db,
  accountId: number,
  now = new Date(),
): Promise<{ token: string; csrfToken: string }> => {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  // Sessions that ran out are of no use to anyone; each sign-in clears them (indexed by expiry).
  await deleteExpiredSessionRows(db, now.getTime());
  await insertSessionRow(db, {
    token_hash: tokenHash(token),
    user_id: accountId,
    csrf_token: csrfToken,
    created_at: now.getTime(),
    expires_at: now.getTime() + SESSION_SECONDS * 1000,
  });
  return { token, csrfToken };
};

export const findSession = async (db: Db, token: string, now = new Date()): Promise<Session | null> => {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await findSessionRow(db, tokenHash(token));
  if (!row || row.expires_at <= now.getTime() || row.disabled) return null;
  return { account: toAccount(row), csrfToken: row.csrf_token, expiresAt: row.expires_at };
};

export const endSession = (db: Db, token: string) => deleteSessionRow(db, tokenHash(token));

export const endAllSessions = (db: Db, accountId: number) => deleteSessionRowsOf(db, accountId);

/**
 * Sets a new password (an admin's reset, or the CLI's) and ends every session of the account, so whoever
 * knew the old one is signed out. Returns false when there is no such account.
 */
export const setPassword = async (db: Db, accountId: number, password: string): Promise<boolean> => {
  const parsed = PasswordSchema.safeParse(password);
  if (!parsed.success) throw new InvalidInput({ password: parsed.error.issues[0]!.message });
  const passwordHash = await hashPassword(parsed.data);
  return db.transaction().execute(async (trx) => {
    if (!(await updatePasswordHash(trx, accountId, passwordHash))) return false;
    await endAllSessions(trx, accountId);
    return true;
  });
};

/**
 * A signed-in person changes their own password: the current one must be right and the new one given
 * twice. Their other sessions end; the one they are using goes on.
 */
export const changeOwnPassword = async (
  db: Db,
  session: { account: Account; token: string; ip: string },
  form: { current: string; password: string; confirm: string },
  now = new Date(),
): Promise<void> => {
  // Guessing the current password here counts as failed sign-ins do, so a stolen session cannot try forever.
  const { email } = session.account;
  const wait = await beginAttempt(db, email, session.ip, now, { accountCeiling: false });
  if (wait) throw new InvalidInput({ current: `Too many wrong passwords; try again in ${wait.seconds} seconds.` });
  const currentHash = await findPasswordHash(db, session.account.id);
  if (currentHash === undefined) throw new Error(`account ${session.account.id} of a live session is gone`);
  const errors: FieldErrors = {};
  if (await verifyPassword(currentHash, form.current)) await forgetPairFailures(db, email, session.ip);
  else {
    await recordFailedAttempt(db, email, session.ip, now);
    errors.current = 'That is not your current password.';
  }
  const next = PasswordSchema.safeParse(form.password);
  if (!next.success) errors.password = next.error.issues[0]!.message;
  else if (form.password === form.current) errors.password = 'Choose a password different from the current one.';
  if (form.confirm !== form.password) errors.confirm = 'The two new passwords differ.';
  if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
  const passwordHash = await hashPassword(form.password);
  await db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, session.account.id, passwordHash);
    await deleteSessionRowsOf(trx, session.account.id, tokenHash(session.token));
  });
};

export const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
