import { hash, randomBytes } from 'node:crypto';
import { addressBlockOf } from '../domain/address-block.js';
import type { ViewCandidate } from './view-candidate.js';

/**
 * SHA-256 of the day's salt followed by the text, in one call of node's one-shot `crypto.hash`. The salt is 32
 * random bytes that never leave memory (and Redis), so the digest is as unguessable without it as an HMAC's; the
 * keys only need to be unlinkable to an address without the salt, and evenly spread. Nothing is ever verified
 * against them, so an HMAC's defence against forged tags buys nothing here.
 *
 * Why one-shot, with the digest as hex: two digests a beacon (four keys, below). A Hash object per digest (a copy
 * of one primed with the salt) is a native object that the garbage collector must finalise, and its Buffer digest
 * a backing store to allocate and sweep: in the beacon bench's profile (docs/architecture/0009, "Beacons") that was
 * a quarter of the server's CPU, malloc and free, weak callbacks and sweeping included. The hex string is a plain
 * V8 string.
 *
 * The salt enters as its base64 text, kept per salt Buffer (a salt lives a day; its entry goes with it).
 */
const saltTexts = new WeakMap<Buffer, string>();

const saltTextOf = (salt: Buffer): string => {
  let text = saltTexts.get(salt);
  if (text === undefined) {
    text = salt.toString('base64');
    saltTexts.set(salt, text);
  }
  return text;
};

/** The digest as hex: its first 12 digits are a key, the next 12 the secret that article keys are mixed from. */
const digestOf = (salt: Buffer, text: string): string => hash('sha256', saltTextOf(salt) + text, 'hex');

/** 48 bits of a digest from hex digit `at`, as a safe integer: compact in tables, negligible collisions at newspaper scale. */
const bitsAt = (digest: string, at: number): number => parseInt(digest.slice(at, at + 12), 16);

const TWO_24 = 2 ** 24;

/**
 * The key of one article for a visitor or an address: their digest's second 48 bits (a secret of theirs for the
 * day, never stored) mixed with the article id, instead of a digest of its own. Two digests a beacon instead of
 * four: the hashes were the largest part of a beacon's own work. Without the salt the key says no more than a
 * digest would (the secret is as unguessable as the first 48 bits); for one secret, ids that differ below 2^24 give
 * different keys (the low half adds an odd multiple of the id, mod 2^24), so one reader's articles never share a key.
 */
const withArticle = (secret: number, articleId: number): number => {
  const high = Math.floor(secret / TWO_24);
  const low = secret - high * TWO_24;
  const mixedLow = (low + Math.imul(articleId, 0x2545f491)) & 0xffffff;
  const mixedHigh = (high ^ (Math.imul(articleId, 0x9e3779b1) >>> 8)) & 0xffffff;
  return mixedHigh * TWO_24 + mixedLow;
};

const visitorDigest = (salt: Buffer, ip: string, userAgent: string): string =>
  digestOf(salt, `${ip}\u0000${userAgent}`);

/**
 * The per-address budget's digest (see ADDRESS_HOURLY_CAP), for the address key and the address-and-article key.
 * The text is tagged so that an address key can never be the visitor key of some address and agent.
 */
const addressDigest = (salt: Buffer, address: string): string => digestOf(salt, `address\u0001${address}`);

/**
 * A candidate view with every key it is admitted by (see ViewCandidate), from the reader's address and user
 * agent: one object literal of one shape, as the beacon path makes one per beacon.
 */
export const viewCandidateOf = (
  salt: Buffer,
  ip: string,
  userAgent: string,
  articleId: number,
  second: number,
): ViewCandidate => {
  // The visitor is the exact address with its user agent; the budget's address spans a whole IPv6 /64.
  const visitor = visitorDigest(salt, ip, userAgent);
  const address = addressDigest(salt, addressBlockOf(ip));
  return {
    articleId,
    second,
    visitorKey: bitsAt(visitor, 0),
    pairKey: withArticle(bitsAt(visitor, 12), articleId),
    addressKey: bitsAt(address, 0),
    addressArticleKey: withArticle(bitsAt(address, 12), articleId),
  };
};

export const dayOf = (second: number): number => Math.floor(second / 86_400);

/** Where the day's salt comes from: kept in memory only, shared between nodes through Redis when scaled out. */
export interface SaltSource {
  /** The salt for a UTC day number; creates it on first use. */
  saltFor(day: number): Promise<Buffer>;
  /** Forgets salts of days before `day`, so yesterday's visitor keys can never be recomputed. */
  forgetBefore(day: number): void;
}

export const createMemorySaltSource = (): SaltSource => {
  const salts = new Map<number, Buffer>();
  return {
    saltFor: async (day) => {
      let salt = salts.get(day);
      if (!salt) {
        salt = randomBytes(32);
        salts.set(day, salt);
      }
      return salt;
    },
    forgetBefore: (day) => {
      for (const d of salts.keys()) if (d < day) salts.delete(d);
    },
  };
};
