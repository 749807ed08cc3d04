import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../storage/database.js';
import {
  findApiKeyRowByContentKey,
  findApiKeyRowById,
  insertApiKeyRow,
  listApiKeyRows,
  revokeApiKeyRow,
  touchApiKeyRow,
  type ApiKeyRow,
} from '../storage/repositories/api-key.repository.js';
import { checkAdminToken, readAdminToken, type AdminTokenRefusal } from './admin-token.js';
import { fieldErrorsOf, InvalidInput, NotFound } from './errors.js';
import { openSecret, sealSecret } from './secret-key.js';

export const API_KEY_TYPES = ['content', 'admin'] as const;
export type ApiKeyType = (typeof API_KEY_TYPES)[number];

/** A key as the newsroom and the CLI list it: never its secret. */
export interface ApiKeyListing {
  id: string;
  name: string;
  type: ApiKeyType;
  createdAt: Date;
  /** The newsroom account that made it; null from the CLI. */
  createdBy: number | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A key just made: `key` is shown once (content: 26 hex digits; admin: `{id}:{64-hex secret}`) and never again. */
export interface NewApiKey {
  id: string;
  name: string;
  type: ApiKeyType;
  key: string;
}

export type AdminTokenResult = { ok: true; keyId: string } | { ok: false; reason: AdminTokenRefusal };

export interface ApiKeyServiceDeps {
  db: Db;
  clock: () => Date;
  /** The installation's secret key (secret-key.ts), asked for only when an admin secret is sealed or opened. */
  secretKey: () => Promise<Buffer>;
}

export const ApiKeyForm = z.object({
  name: z
    .string({ error: 'Give the key a name.' })
    .trim()
    .min(1, 'Give the key a name.')
    .max(120, 'Keep the name under 120 characters.'),
  type: z.enum(API_KEY_TYPES, { error: 'The type is content or admin.' }),
});

/**
 * How long a process trusts a key it read. A key added or revoked elsewhere (the CLI, another node) takes effect
 * within a second; half of that leaves room for the request already under way.
 */
const CACHE_MS = 500;
/** Keys kept read at once; past this the cache starts again (a flood of distinct keys cannot grow it). */
const CACHE_LIMIT = 1_000;
/** last_used_at is written at most this often per key and process: a busy client does not write per request. */
const TOUCH_MS = 60_000;

const CONTENT_KEY = /^[0-9a-f]{26}$/;

const typeOf = (row: { type: string }): ApiKeyType => (row.type === 'admin' ? 'admin' : 'content');
const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/** A read key, with an admin key's secret already opened (opening is the costly part). */
interface CachedKey {
  row: ApiKeyRow;
  secret: Buffer | null;
  readAt: number;
}

/**
 * API keys for the Ghost-compatible APIs (issue 16). One per process, made in the composition root: it keeps
 * the keys it read for half a second and when it last recorded each one's use.
 */
export const createApiKeyService = (deps: ApiKeyServiceDeps) => {
  const cache = new Map<string, CachedKey>();
  const touched = new Map<string, number>();

  const remember = (lookup: string, entry: CachedKey): CachedKey => {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(lookup, entry);
    return entry;
  };

  /** The key by `lookup` ('id:…' or 'content:…'), from the cache while it is fresh; null when there is none. */
  const cached = async (lookup: string, now: number, read: () => Promise<ApiKeyRow | undefined>) => {
    const hit = cache.get(lookup);
    if (hit && now - hit.readAt < CACHE_MS && now >= hit.readAt) return hit;
    const row = await read();
    if (!row) {
      cache.delete(lookup);
      return null;
    }
    const secret =
      row.type === 'admin' && row.secret_sealed !== null
        ? Buffer.from(openSecret(await deps.secretKey(), row.secret_sealed, row.id).toString('utf8'), 'hex')
        : null;
    return remember(lookup, { row, secret, readAt: now });
  };

  /** Records a use, at most once a minute per key in this process, and not when another process just did. */
  const touch = async (row: ApiKeyRow, now: number): Promise<void> => {
    const last = Math.max(touched.get(row.id) ?? 0, row.last_used_at ?? 0);
    if (now - last < TOUCH_MS) return;
    touched.set(row.id, now);
    await touchApiKeyRow(deps.db, row.id, now);
  };

  const createApiKey = async (input: unknown, createdBy: number | null = null): Promise<NewApiKey> => {
    const parsed = ApiKeyForm.safeParse(input);
    if (!parsed.success) throw new InvalidInput(fieldErrorsOf(parsed.error));
    const { name, type } = parsed.data;
    const id = randomBytes(12).toString('hex');
    const base = { id, name, type, created_at: deps.clock().getTime(), created_by: createdBy };
    if (type === 'content') {
      const key = randomBytes(13).toString('hex');
      await insertApiKeyRow(deps.db, { ...base, content_key: key, secret_sealed: null });
      return { id, name, type, key };
    }
    const secret = randomBytes(32).toString('hex');
    const sealed = sealSecret(await deps.secretKey(), Buffer.from(secret, 'utf8'), id);
    await insertApiKeyRow(deps.db, { ...base, content_key: null, secret_sealed: sealed });
    return { id, name, type, key: `${id}:${secret}` };
  };

  const listApiKeys = async (): Promise<ApiKeyListing[]> =>
    (await listApiKeyRows(deps.db)).map((row) => ({
      id: row.id,
      name: row.name,
      type: typeOf(row),
      createdAt: new Date(row.created_at),
      createdBy: row.created_by,
      lastUsedAt: dateOrNull(row.last_used_at),
      revokedAt: dateOrNull(row.revoked_at),
    }));

  /** Revokes the key; false when it was revoked already. NotFound when there is no such key. */
  const revokeApiKey = async (id: string): Promise<boolean> => {
    const row = await findApiKeyRowById(deps.db, id);
    if (!row) throw new NotFound('API key', `There is no API key with the id ${id}.`);
    const revoked = await revokeApiKeyRow(deps.db, id, deps.clock().getTime());
    // This process stops accepting it at once; the others within CACHE_MS.
    cache.delete(`id:${id}`);
    if (row.content_key !== null) cache.delete(`content:${row.content_key}`);
    return revoked;
  };

  /** The id of the content key `key` when it exists and is not revoked; null otherwise. */
  const findContentKey = async (key: string, now: Date = deps.clock()): Promise<string | null> => {
    if (!CONTENT_KEY.test(key)) return null;
    const at = now.getTime();
    const found = await cached(`content:${key}`, at, () => findApiKeyRowByContentKey(deps.db, key));
    if (!found || found.row.type !== 'content' || found.row.revoked_at !== null) return null;
    await touch(found.row, at);
    return found.row.id;
  };

  /**
   * Whether `key` is a content key known good right now without reading anything: read within CACHE_MS, not revoked,
   * and its use recorded within TOUCH_MS. False says only "ask findContentKey", which reads, records and answers; the
   * Content API's answers from memory (server/api/fast-content-api.ts) take the request only on true.
   */
  const contentKeyHeld = (key: string, now: number): boolean => {
    const hit = cache.get(`content:${key}`);
    if (!hit || now - hit.readAt >= CACHE_MS || now < hit.readAt) return false;
    if (hit.row.type !== 'content' || hit.row.revoked_at !== null) return false;
    return now - Math.max(touched.get(hit.row.id) ?? 0, hit.row.last_used_at ?? 0) < TOUCH_MS;
  };

  /** The admin key that signed `token` (the JWT of `Authorization: Ghost {token}`), or why it was refused. */
  const verifyAdminToken = async (token: string, now: Date = deps.clock()): Promise<AdminTokenResult> => {
    const read = readAdminToken(token);
    if ('refused' in read) return { ok: false, reason: read.refused };
    const at = now.getTime();
    const found = await cached(`id:${read.kid}`, at, () => findApiKeyRowById(deps.db, read.kid));
    if (!found || found.row.type !== 'admin' || !found.secret) return { ok: false, reason: 'unknown_key' };
    const refusal = checkAdminToken(read, found.secret, now);
    if (refusal) return { ok: false, reason: refusal };
    // Said only to a client holding the secret: the signature was checked first.
    if (found.row.revoked_at !== null) return { ok: false, reason: 'revoked' };
    await touch(found.row, at);
    return { ok: true, keyId: found.row.id };
  };

  return { createApiKey, listApiKeys, revokeApiKey, findContentKey, contentKeyHeld, verifyAdminToken };
};

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
