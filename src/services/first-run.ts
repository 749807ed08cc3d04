import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { z } from 'zod';
import type { Db } from '../storage/database.js';
import {
  deleteSetupCodeRows,
  insertSetupCodeRow,
  listSetupCodeRows,
} from '../storage/repositories/setup-code.repository.js';
import { countAccountRows } from '../storage/repositories/user.repository.js';

/**
 * Codes kept at once. Every start of a server without an owner prints a new one; the last few all work, so a
 * link from any of several nodes started together (or from the previous restart's log) still works.
 */
const KEPT_CODES = 5;

const StoredCode = z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/), createdAt: z.number() });

// The code is 128 random bits, so one SHA-256 is enough: nobody can guess back from the hash, and a slow hash
// would add nothing but start-up time.
const hashOf = (code: string) => createHash('sha256').update(code).digest();

/** Whether a host name or address is this machine only (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^(?:::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/**
 * Whether the server's socket can be reached from other machines. Not listening at all (tests through inject)
 * and a local socket path count as this machine only.
 */
export const listensBeyondLoopback = (address: AddressInfo | string | null): boolean =>
  address !== null && typeof address !== 'string' && !isLoopbackHost(address.address);

/**
 * A fresh one-time setup code while no account exists, or null once one does. Only its hash is stored; it
 * works until the owner is made (createOwner deletes every code), beside the few made before it.
 */
export async function setupCodeForFirstRun(db: Db, now = new Date()): Promise<string | null> {
  if ((await countAccountRows(db)) > 0) return null;
  const code = randomBytes(16).toString('base64url');
  await insertSetupCodeRow(db, randomBytes(8).toString('hex'), {
    hash: hashOf(code).toString('hex'),
    createdAt: now.getTime(),
  });
  const rows = await storedCodes(db);
  const stale = rows.sort((a, b) => b.createdAt - a.createdAt).slice(KEPT_CODES);
  if (stale.length > 0)
    await deleteSetupCodeRows(
      db,
      stale.map((r) => r.key),
    );
  return code;
}

async function storedCodes(db: Db) {
  const codes = [];
  for (const row of await listSetupCodeRows(db)) {
    const parsed = StoredCode.safeParse(JSON.parse(row.value));
    // A row this code cannot read is no code at all: it matches nothing and goes at the next trim.
    codes.push(parsed.success ? { key: row.key, ...parsed.data } : { key: row.key, hash: '', createdAt: 0 });
  }
  return codes;
}

/** Whether `code` is one of the stored setup codes; every stored hash is compared in constant time. */
export async function setupCodeMatches(db: Db, code: string): Promise<boolean> {
  const given = hashOf(code);
  let found = false;
  for (const stored of await storedCodes(db)) {
    const hash = Buffer.from(stored.hash, 'hex');
    if (hash.length === given.length && timingSafeEqual(hash, given)) found = true;
  }
  return found;
}

/** Every code goes when the owner is made: each worked once, for that. */
export const consumeSetupCodes = (db: Db) => deleteSetupCodeRows(db);

/**
 * The start-up line for a server that others can reach and that has no owner yet, or null. `host` and `port`
 * are where it listens; a wildcard host (0.0.0.0, ::) is shown as this machine's name.
 */
export async function firstRunLine(db: Db, host: string, port: number): Promise<string | null> {
  if (isLoopbackHost(host)) return null;
  const code = await setupCodeForFirstRun(db);
  if (code === null) return null;
  const shown = host === '0.0.0.0' || host === '::' || host === '' ? hostname() : host;
  const authority = shown.includes(':') ? `[${shown}]:${port}` : `${shown}:${port}`;
  return `Open http://${authority}/newsroom/setup?code=${code} to create the owner (or run \`dateline user add --role owner ...\`)`;
}
