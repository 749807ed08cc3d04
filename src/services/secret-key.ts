import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Db } from '../storage/database.js';
import { insertSettingRowIfAbsent, readSettingValue } from '../storage/repositories/site.repository.js';

/**
 * The installation's secret key: it seals the secrets the server must read back in clear (an admin API key's
 * secret, which checks the HMAC of every Admin API token). It lives in a file beside the data, never in the
 * database, so a database dump alone reveals no secret (docs/architecture/0018-api-keys.md). Every node and the
 * CLI need the same file; the database keeps its fingerprint, so a node holding another key (or none, once keys
 * were sealed) stops with a message rather than sealing secrets that the others cannot open.
 */
export const SECRET_KEY_FILE = 'secret.key';

const FINGERPRINT_SETTING = 'secret-key.fingerprint';

const KeyFileText = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9+/]{43}=$/, 'is not 32 bytes of base64');
const StoredFingerprint = z.string().regex(/^[0-9a-f]{32}$/);

/** The key file cannot be used: missing while keys were sealed, unreadable, or not the key they were sealed with. */
export class SecretKeyError extends Error {}

const fingerprintOf = (key: Buffer): string =>
  createHmac('sha256', key).update('dateline secret key fingerprint').digest('hex').slice(0, 32);

/** Reads the key file, or null when there is none. */
const readKeyFile = async (path: string): Promise<Buffer | null> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SecretKeyError(`cannot read the secret key file ${path}: ${(error as Error).message}`);
  }
  const parsed = KeyFileText.safeParse(text);
  if (!parsed.success) throw new SecretKeyError(`the secret key file ${path} ${parsed.error.issues[0]!.message}`);
  return Buffer.from(parsed.data, 'base64');
};

/**
 * Writes a new key file readable by its owner only. Written whole under another name, then linked into place:
 * link() fails if the file exists, so processes starting together never see half a file, and one of them wins.
 */
const createKeyFile = async (dataDir: string, path: string): Promise<void> => {
  await mkdir(dataDir, { recursive: true });
  const temporary = join(dataDir, `.${SECRET_KEY_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  await writeFile(temporary, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temporary);
  }
};

const storedFingerprint = async (db: Db): Promise<string | null> => {
  const stored = await readSettingValue(db, FINGERPRINT_SETTING);
  if (stored === undefined) return null;
  const parsed = StoredFingerprint.safeParse(JSON.parse(stored));
  if (!parsed.success) throw new SecretKeyError(`the stored ${FINGERPRINT_SETTING} is not a fingerprint`);
  return parsed.data;
};

/** The key from `{dataDir}/secret.key`, made on first use, and checked against the fingerprint in the database. */
export const loadSecretKey = async (db: Db, dataDir: string): Promise<Buffer> => {
  const path = join(dataDir, SECRET_KEY_FILE);
  let key = await readKeyFile(path);
  if (!key) {
    if ((await storedFingerprint(db)) !== null) {
      throw new SecretKeyError(
        `${path} is missing, but secrets were sealed with a key file: copy it from the node or backup that has it`,
      );
    }
    await createKeyFile(dataDir, path);
    key = await readKeyFile(path);
    if (!key) throw new SecretKeyError(`${path} was not written`);
  }
  const fingerprint = fingerprintOf(key);
  await insertSettingRowIfAbsent(db, FINGERPRINT_SETTING, fingerprint);
  if ((await storedFingerprint(db)) !== fingerprint) {
    throw new SecretKeyError(
      `${path} is not the key this database's secrets were sealed with: copy the right one from another node or a backup`,
    );
  }
  return key;
};

const SEALED_PREFIX = 'v1.';

/**
 * AES-256-GCM, a fresh 96-bit nonce each time. `context` (the row's id) is authenticated with it, so a sealed
 * value copied onto another row does not open there.
 */
export const sealSecret = (key: Buffer, plain: Buffer, context: string): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
};

/** The secret sealed by sealSecret with this key and context; SecretKeyError when it does not open. */
export const openSecret = (key: Buffer, sealed: string, context: string): Buffer => {
  if (!sealed.startsWith(SEALED_PREFIX)) throw new SecretKeyError(`the sealed secret of ${context} has no known form`);
  const bytes = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
  try {
    // The tag's length is fixed: GCM would otherwise take a shortened tag, which is easier to forge.
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12), { authTagLength: 16 })
      .setAAD(Buffer.from(context, 'utf8'))
      .setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
  } catch {
    throw new SecretKeyError(`the sealed secret of ${context} does not open with this secret key`);
  }
};

/** loadSecretKey asked once per process when it succeeds; a failure (a missing file) is tried again next time. */
export const secretKeyOnce = (db: Db, dataDir: string): (() => Promise<Buffer>) => {
  let loading: Promise<Buffer> | null = null;
  return () => {
    loading ??= loadSecretKey(db, dataDir).catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
};
