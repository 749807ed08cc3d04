import { createHash } from 'node:crypto';
import type { CachedResponse } from '../page-cache.js';
import { makeStitchedEntry } from '../stitched-entry.js';
import { deflatePiece, stitchGzip, storedPiece, type DeflatedPiece } from '../stitched-gzip.js';

/**
 * What the Content API keeps besides whole answers (docs/architecture/0019-content-api.md, "Answers made from kept
 * posts"):
 *
 * - **Objects**: each post as an answer shows it (its JSON for one choice of `fields`, `formats` and `include`),
 *   deflated on its own, with a digest. An answer no one asked before is then its page of ids read from the database
 *   and the kept objects laid side by side in gzip (server/stitched-gzip.ts), nothing drawn or compressed again.
 *   Every object belongs to the content version it was read at and all are dropped when it moves, as the page cache's
 *   answers are.
 * - **Addresses**: which cache key an address (path and query as sent, key included) was answered under, and that
 *   key, so the same request again can be answered before Fastify (fast-content-api.ts) once the key is known good.
 * - **The live count**: how many live posts there are, for counting filters of negations (pageOfContentPosts).
 */

/** A post as one answer shows it: its JSON deflated alone, and the SHA-1 of that JSON. */
export interface KeptObject {
  piece: DeflatedPiece;
  digest: Buffer;
}

export interface KeptAddress {
  cacheKey: string;
  apiKey: string;
}

export interface ContentApiKept {
  /** The object kept under `key` at content version `version` (the site's current one: any other drops them all). */
  object(key: string, version: number): KeptObject | undefined;
  /**
   * Makes an object of `json`, read at content version `version`, and keeps it unless the version has moved since
   * (the caller also checks that the site is still at that version, as page-cache entries are checked).
   */
  keep(key: string, version: number, json: string): KeptObject;
  /**
   * An answer `prefix` + objects joined by commas + `suffix`, stitched in gzip; its ETag is a digest of the objects'
   * digests, so no byte of the answer is hashed again.
   */
  answer(
    prefix: string,
    objects: readonly KeptObject[],
    suffix: string,
    opts: { contentType: string; cacheControl: string; expiresAt: number },
  ): CachedResponse;
  /** How many live posts there are at `version`, read again at most once a second (posts go live by the clock too). */
  liveCount(version: number, now: number, read: () => Promise<number>): Promise<number>;
  rememberAddress(url: string, address: KeptAddress): void;
  address(url: string): KeptAddress | undefined;
  /** Bytes the objects hold, for tests and the memory figures. */
  readonly bytes: number;
}

/** The objects' budget; past it they are dropped and made again as asked (a few hundred posts fit many times). */
const DEFAULT_OBJECT_BYTES = 16 * 1024 * 1024;
/** Addresses remembered at once; past this the list starts again (a flood of distinct queries cannot grow it). */
const ADDRESS_LIMIT = 20_000;
const LIVE_COUNT_MS = 1_000;

export const createContentApiKept = (opts: { maxObjectBytes?: number } = {}): ContentApiKept => {
  const maxBytes = opts.maxObjectBytes ?? DEFAULT_OBJECT_BYTES;
  const objects = new Map<string, KeptObject>();
  const addresses = new Map<string, KeptAddress>();
  let version = -Infinity;
  let bytes = 0;
  let live: { version: number; at: number; count: Promise<number> } | null = null;

  const dropAll = () => {
    objects.clear();
    bytes = 0;
  };
  /** Moves to the site's version `v`, dropping every object when it is another one. */
  const moveTo = (v: number) => {
    if (v !== version) {
      version = v;
      dropAll();
    }
  };

  const glue = new Map<string, DeflatedPiece>();
  const gluePiece = (text: string): DeflatedPiece => {
    let piece = glue.get(text);
    if (!piece) {
      piece = storedPiece(text);
      // Commas and the list's opening are the same every time; prefixes and suffixes with counts are not kept.
      if (text.length <= 16) glue.set(text, piece);
    }
    return piece;
  };

  return {
    object: (key, v) => {
      moveTo(v);
      return objects.get(key);
    },
    keep: (key, v, json) => {
      const bytesOfJson = Buffer.from(json);
      const made: KeptObject = {
        piece: deflatePiece(bytesOfJson),
        digest: createHash('sha1').update(bytesOfJson).digest(),
      };
      // Kept only for the version the objects are of: one read before a change seen since is made, not kept.
      if (v === version) {
        if (bytes + made.piece.deflated.byteLength > maxBytes) dropAll();
        objects.set(key, made);
        bytes += made.piece.deflated.byteLength;
      }
      return made;
    },
    answer: (prefix, parts, suffix, entryOpts) => {
      const pieces: DeflatedPiece[] = [gluePiece(prefix)];
      const hash = createHash('sha1').update(prefix);
      parts.forEach((part, i) => {
        if (i > 0) pieces.push(gluePiece(','));
        pieces.push(part.piece);
        hash.update(part.digest);
      });
      pieces.push(gluePiece(suffix));
      hash.update(suffix);
      const length = pieces.reduce((n, p) => n + p.length, 0);
      return makeStitchedEntry(stitchGzip(pieces), length, {
        ...entryOpts,
        etag: `"${hash.digest('base64url').slice(0, 22)}"`,
      });
    },
    liveCount: (v, now, read) => {
      if (live && live.version === v && now - live.at < LIVE_COUNT_MS && now >= live.at) return live.count;
      const count = read();
      live = { version: v, at: now, count };
      // A failed read is not kept: the next request reads again.
      count.catch(() => {
        if (live?.count === count) live = null;
      });
      return count;
    },
    rememberAddress: (url, address) => {
      if (addresses.size >= ADDRESS_LIMIT) addresses.clear();
      addresses.set(url, address);
    },
    address: (url) => addresses.get(url),
    get bytes() {
      return bytes;
    },
  };
};
