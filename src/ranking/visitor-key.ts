import { createHmac, randomBytes } from 'node:crypto';

/** 48 bits of an HMAC, as a safe integer: compact in Maps, with negligible collisions at newspaper scale. */
const key48 = (salt: Buffer, text: string): number => createHmac('sha256', salt).update(text).digest().readUIntBE(0, 6);

export const visitorKeyOf = (salt: Buffer, ip: string, userAgent: string): number =>
  key48(salt, `${ip}\u0000${userAgent}`);

export const pairKeyOf = (salt: Buffer, ip: string, userAgent: string, articleId: number): number =>
  key48(salt, `${ip}\u0000${userAgent}\u0000${articleId}`);

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
