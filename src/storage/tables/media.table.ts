import type { Generated } from 'kysely';

export interface MediaTable {
  id: Generated<number>;
  /** A short content hash, so URLs change when the image does and can be cached forever. */
  hash: string;
  width: number;
  height: number;
  mime: string;
  created_at: number;
}

/**
 * Image bytes live in the database, not on a node's disk, so app nodes stay stateless when scaled out;
 * they are served with immutable cache headers and kept in a bounded in-process cache.
 */
export interface MediaVariantTable {
  media_id: number;
  /** e.g. "w640.webp", "w1280.jpg". */
  name: string;
  mime: string;
  width: number;
  height: number;
  bytes: Uint8Array;
}
