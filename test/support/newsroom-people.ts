import { sql } from 'kysely';
import { verify } from '@node-rs/argon2';
import type { Role } from '../../src/domain/permissions.js';
import { createAccount, findAccountByEmail, setPassword, type Account } from '../../src/services/accounts.js';
import type { Db } from '../../src/storage/database.js';
import {
  findAccountRowByEmail,
  findPasswordHash,
  updateAccountDisabled,
  updateAccountRole,
} from '../../src/storage/repositories/user.repository.js';

/** The password every newsroom person in the integration tests signs in with, unless a test says otherwise. */
export const PASSWORD = 'correct horse battery';

export interface Person {
  email: string;
  name: string;
  role: Role;
}

/** The people of the newsroom tests, each known by a first name. */
export const PEOPLE = {
  owner: { email: 'owner@example.com', name: 'Owner', role: 'admin' },
  casey: { email: 'casey@example.com', name: 'Casey Contributor', role: 'contributor' },
  eden: { email: 'eden@example.com', name: 'Eden Editor', role: 'editor' },
  pat: { email: 'pat@example.com', name: 'Pat Writer', role: 'contributor' },
  quinn: { email: 'quinn@example.com', name: 'Quinn Writer', role: 'contributor' },
} satisfies Record<string, Person>;

// inject() requests come from this address, so every test's failed sign-ins count against it.
const TEST_IP = '127.0.0.1';

/**
 * Forgets the failures held against a key and against every pair it is part of: `email:…` also clears
 * `email:…|ip:…`, and `ip:…` clears `…|ip:…`. Plain substr comparisons, because LIKE would read `_` and `%` in
 * an address or an email as wildcards.
 */
const deleteFailureRows = (db: Db, key: string) =>
  db
    .deleteFrom('login_failure')
    .where((eb) =>
      eb.or([
        eb('key', '=', key),
        eb(sql`substr(${eb.ref('key')}, 1, ${key.length + 1})`, '=', `${key}|`),
        eb(sql`substr(${eb.ref('key')}, length(${eb.ref('key')}) - ${key.length})`, '=', `|${key}`),
      ]),
    )
    .execute();

/**
 * Makes the person exist as a test needs them: created if missing, otherwise enabled, in their role, with
 * this password, and with no failed sign-ins held against them or the test address. The password is only
 * rewritten when it differs, because rewriting it ends the person's sessions, which a block's signed-in
 * clients rely on.
 */
export async function ensurePerson(db: Db, person: Person, password = PASSWORD): Promise<Account> {
  await deleteFailureRows(db, `email:${person.email}`);
  await deleteFailureRows(db, `ip:${TEST_IP}`);
  const row = await findAccountRowByEmail(db, person.email);
  if (!row) return createAccount(db, { ...person, password });
  if (row.role !== person.role) await updateAccountRole(db, row.id, person.role);
  if (row.disabled) await updateAccountDisabled(db, row.id, false);
  const hash = await findPasswordHash(db, row.id);
  const same = hash !== undefined && (await verify(hash, password).catch(() => false));
  if (!same) await setPassword(db, row.id, password);
  const account = await findAccountByEmail(db, person.email);
  if (!account) throw new Error(`${person.email} vanished while being set up`);
  return account;
}
