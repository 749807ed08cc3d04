import { createHmac, randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { ViewCandidate } from './view-candidate.js';

/** 48 bits of an HMAC, as a safe integer: compact in tables, with negligible collisions at newspaper scale. */
const key48 = (salt: Buffer, text: string): number => createHmac('sha256', salt).update(text).digest().readUIntBE(0, 6);

export const visitorKeyOf = (salt: Buffer, ip: string, userAgent: string): number =>
  key48(salt, `${ip}\u0000${userAgent}`);

export const pairKeyOf = (salt: Buffer, ip: string, userAgent: string, articleId: number): number =>
  key48(salt, `${ip}\u0000${userAgent}\u0000${articleId}`);

/** The eight 16-bit groups of a valid IPv6 address (zone dropped, a dotted IPv4 tail turned into two groups). */
const ipv6Groups = (ip: string): number[] => {
  let text = ip.replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string?];
  const parse = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const front = parse(head);
  const back = parse(tail);
  return tail === undefined ? front : [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
};

/**
 * The address a reader's budget is kept for. An IPv4 address is one address; an IPv6 address is its /64, because
 * one home or phone gets a whole /64 and picks new addresses inside it at will (privacy extensions), so per
 * address it would be a fresh budget per request. An IPv4-mapped IPv6 address (`::ffff:1.2.3.4`, what a
 * dual-stack socket reports) is the IPv4 address it maps. Anything that is not an address (a proxy sending junk)
 * is its own budget, as written.
 */
export const addressOf = (ip: string): string => {
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip)) return ip;
  const g = ipv6Groups(ip);
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    return [g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255].join('.');
  }
  return `${g
    .slice(0, 4)
    .map((x) => x.toString(16))
    .join(':')}::/64`;
};

/**
 * Keys of the per-address budget (see ADDRESS_HOURLY_CAP): one for the address, one for the address and an
 * article. The text is tagged so that an address key can never be the visitor key of some address and agent.
 */
export const addressKeyOf = (salt: Buffer, address: string): number => key48(salt, `address\u0001${address}`);

export const addressArticleKeyOf = (salt: Buffer, address: string, articleId: number): number =>
  key48(salt, `address\u0001${address}\u0001${articleId}`);

/** Every key a view is admitted by (see ViewCandidate), from the reader's address and user agent. */
export const viewKeysOf = (
  salt: Buffer,
  ip: string,
  userAgent: string,
  articleId: number,
): Pick<ViewCandidate, 'visitorKey' | 'pairKey' | 'addressKey' | 'addressArticleKey'> => {
  // The visitor is the exact address with its user agent; the budget's address spans a whole IPv6 /64.
  const address = addressOf(ip);
  return {
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
