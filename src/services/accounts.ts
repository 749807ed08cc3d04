import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { isRole, type Role } from '../domain/permissions.js';
import type { Db } from '../storage/database.js';
import { fieldErrorsOf, InvalidInput, type FieldErrors } from './errors.js';

export interface Account {
  id: number;
  email: string;
  name: string;
  role: Role;
}

export const SESSION_SECONDS = 12 * 3600;
/** Failed sign-ins allowed per account, and per address, in the throttle window. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;
export const THROTTLE_SECONDS = 15 * 60;

// Argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum.
const hashPassword = (password: string) => hash(password);

const PasswordSchema = z.string().min(12, 'Use at least 12 characters.').max(200, 'Use at most 200 characters.');

export const NewAccountSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).email('Enter an email address like name@example.com.'),
  name: z.string().trim().min(1, 'Enter a name.').max(120, 'Use at most 120 characters.'),
  role: z.string().refine(isRole, 'Choose contributor, editor or admin.'),
  password: PasswordSchema,
});

const toAccount = (row: { id: number; email: string; name: string; role: string }): Account => ({
  id: row.id, email: row.email, name: row.name, role: isRole(row.role) ? row.role : 'contributor',
});

export const countAccounts = async (db: Db): Promise<number> =>
  Number((await db.selectFrom('user_account').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);

export const createAccount = async (db: Db, input: unknown, now = new Date()): Promise<Account> => {
  const parsed = NewAccountSchema.safeParse(input);
  if (!parsed.success) throw new InvalidInput(fieldErrorsOf(parsed.error));
  const { email, name, role, password } = parsed.data;
  const exists = await db.selectFrom('user_account').select('id').where('email', '=', email).executeTakeFirst();
  if (exists) throw new InvalidInput({ email: 'An account with this email already exists.' });
  const row = await db
    .insertInto('user_account')
    .values({ email, name, role, password_hash: await hashPassword(password), created_at: now.getTime() })
    .returning(['id', 'email', 'name', 'role'])
    .executeTakeFirstOrThrow();
  return toAccount(row);
};

export type SignInResult =
  | { ok: true; account: Account }
  | { ok: false; reason: 'invalid' | 'throttled' };

// Verifying against a real hash when the account does not exist keeps the timing the same either way.
let dummyHash: Promise<string> | null = null;

/** Whether the account (by email) or the address has failed too often lately to try again. */
const throttled = async (db: Db, email: string, ip: string, now: Date): Promise<boolean> => {
  const since = now.getTime() - THROTTLE_SECONDS * 1000;
  const failures = async (key: string) =>
    Number((await db.selectFrom('login_failure').select((eb) => eb.fn.countAll().as('n'))
      .where('key', '=', key).where('at', '>', since).executeTakeFirst())?.n ?? 0);
  return (await failures(`email:${email}`)) >= MAX_FAILURES_PER_ACCOUNT || (await failures(`ip:${ip}`)) >= MAX_FAILURES_PER_IP;
};

const recordFailure = (db: Db, email: string, ip: string, now: Date) =>
  db.insertInto('login_failure').values([
    { key: `email:${email}`, at: now.getTime() },
    { key: `ip:${ip}`, at: now.getTime() },
  ]).execute();

export const signIn = async (db: Db, email: string, password: string, ip: string, now = new Date()): Promise<SignInResult> => {
  const normalised = email.trim().toLowerCase();
  if (await throttled(db, normalised, ip, now)) return { ok: false, reason: 'throttled' };
  const row = await db.selectFrom('user_account').selectAll().where('email', '=', normalised).executeTakeFirst();
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const valid = await verify(row?.password_hash ?? (await dummyHash), password).catch(() => false);
  if (!row || !valid || row.disabled) {
    await recordFailure(db, normalised, ip, now);
    return { ok: false, reason: 'invalid' };
  }
  const since = now.getTime() - THROTTLE_SECONDS * 1000;
  await db.deleteFrom('login_failure').where('key', '=', `email:${normalised}`).execute();
  await db.deleteFrom('login_failure').where('at', '<=', since).execute();
  return { ok: true, account: toAccount(row) };
};

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface Session {
  account: Account;
  csrfToken: string;
  expiresAt: number;
}

/** Starts a session; returns the token for the cookie (never stored) and the CSRF token for forms. */
export const startSession = async (db: Db, accountId: number, now = new Date()): Promise<{ token: string; csrfToken: string }> => {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.insertInto('user_session').values({
    token_hash: tokenHash(token), user_id: accountId, csrf_token: csrfToken,
    created_at: now.getTime(), expires_at: now.getTime() + SESSION_SECONDS * 1000,
  }).execute();
  return { token, csrfToken };
};

export const findSession = async (db: Db, token: string, now = new Date()): Promise<Session | null> => {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await db
    .selectFrom('user_session')
    .innerJoin('user_account', 'user_account.id', 'user_session.user_id')
    .select(['user_account.id', 'user_account.email', 'user_account.name', 'user_account.role', 'user_account.disabled',
      'user_session.csrf_token', 'user_session.expires_at'])
    .where('user_session.token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= now.getTime() || row.disabled) return null;
  return { account: toAccount(row), csrfToken: row.csrf_token, expiresAt: row.expires_at };
};

export const endSession = (db: Db, token: string) =>
  db.deleteFrom('user_session').where('token_hash', '=', tokenHash(token)).execute();

export const endAllSessions = (db: Db, accountId: number) =>
  db.deleteFrom('user_session').where('user_id', '=', accountId).execute();

/**
 * Sets a new password (an admin's reset, or the CLI's) and ends every session of the account, so whoever
 * knew the old one is signed out. Returns false when there is no such account.
 */
export const setPassword = async (db: Db, accountId: number, password: string): Promise<boolean> => {
  const parsed = PasswordSchema.safeParse(password);
  if (!parsed.success) throw new InvalidInput({ password: parsed.error.issues[0]!.message });
  const passwordHash = await hashPassword(parsed.data);
  return db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('user_account').set({ password_hash: passwordHash }).where('id', '=', accountId).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await endAllSessions(trx, accountId);
    return true;
  });
};

/**
 * A signed-in person changes their own password: the current one must be right and the new one given
 * twice. Their other sessions end; the one they are using goes on.
 */
export const changeOwnPassword = async (
  db: Db, session: { account: Account; token: string; ip: string },
  form: { current: string; password: string; confirm: string }, now = new Date(),
): Promise<void> => {
  // Guessing the current password here counts as failed sign-ins do, so a stolen session cannot try forever.
  if (await throttled(db, session.account.email, session.ip, now)) {
    throw new InvalidInput({ current: 'Too many wrong passwords. Wait 15 minutes and try again.' });
  }
  const row = await db.selectFrom('user_account').select('password_hash').where('id', '=', session.account.id).executeTakeFirstOrThrow();
  const errors: FieldErrors = {};
  if (!(await verify(row.password_hash, form.current).catch(() => false))) {
    await recordFailure(db, session.account.email, session.ip, now);
    errors.current = 'That is not your current password.';
  }
  const next = PasswordSchema.safeParse(form.password);
  if (!next.success) errors.password = next.error.issues[0]!.message;
  else if (form.password === form.current) errors.password = 'Choose a password different from the current one.';
  if (form.confirm !== form.password) errors.confirm = 'The two new passwords differ.';
  if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
  const passwordHash = await hashPassword(form.password);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('user_account').set({ password_hash: passwordHash }).where('id', '=', session.account.id).execute();
    await trx.deleteFrom('user_session').where('user_id', '=', session.account.id)
      .where('token_hash', '!=', tokenHash(session.token)).execute();
  });
};

export const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
