import { hash, randomBytes } from 'node:crypto';
import { addressBlockOf } from '../domain/address-block.js';
import type { ViewCandidate } from './view-candidate.js';

/**
 * SHA-256 of the day's salt followed by the text, in one call of node's one-shot `crypto.hash`. The salt is 32
 * random bytes that never leave memory (and Redis), so the digest is as unguessable without it as an HMAC's; the
 * keys only need to be unlinkable to an address without the salt, and evenly spread. Nothing is ever verified
 * against them, so an HMAC's defence against forged tags buys nothing here.
 *
 * Why one-shot, with the digest as hex: four keys a beacon. A Hash object per key (a copy of one primed with the
 * salt) is a native object that the garbage collector must finalise, and its Buffer digest a backing store to
 * allocate and sweep: in the beacon bench's profile (docs/architecture/0009, "Beacons") that was a quarter of the
 * server's CPU, malloc and free, weak callbacks and sweeping included. The hex string is a plain V8 string.
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

/** 48 bits of the digest (its first 12 hex digits), as a safe integer: compact in tables, with negligible collisions at newspaper scale. */
const key48 = (salt: Buffer, text: string): number =>
  parseInt(hash('sha256', saltTextOf(salt) + text, 'hex').slice(0, 12), 16);

export const visitorKeyOf = (salt: Buffer, ip: string, userAgent: string): number =>
  key48(salt, `${ip}\u0000${userAgent}`);

export const pairKeyOf = (salt: Buffer, ip: string, userAgent: string, articleId: number): number =>
  key48(salt, `${ip}\u0000${userAgent}\u0000${articleId}`);

/**
 * Keys of the per-address budget (see ADDRESS_HOURLY_CAP): one for the address, one for the address and an
 * article. The text is tagged so that an address key can never be the visitor key of some address and agent.
 */
export const addressKeyOf = (salt: Buffer, address: string): number => key48(salt, `address\u0001${address}`);

export const addressArticleKeyOf = (salt: Buffer, address: string, articleId: number): number =>
  key48(salt, `address\u0001${address}\u0001${articleId}`);

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
  const address = addressBlockOf(ip);
  return {
    articleId,
    second,
    visitorKey: visitorKeyOf(salt, ip, userAgent),
    pairKey: pairKeyOf(salt, ip, userAgent, articleId),
    addressKey: addressKeyOf(salt, address),
    addressArticleKey: addressArticleKeyOf(salt, address, articleId),
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
