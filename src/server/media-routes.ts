import type { FastifyInstance } from 'fastify';
import { avifWidthOfName, cropOfFileName, VARIANT_NAME_PATTERN } from '../domain/media.js';
import { avifOnDemand, cropOnDemand } from '../services/store-image.js';
import { findMediaVariantRow } from '../storage/repositories/media.repository.js';
import type { Db } from '../storage/database.js';
import type { CachedResponse, ResponseCache } from './page-cache.js';
import { typed } from './route-schemas.js';
import { z } from 'zod';
import { pageNotFound } from './errors.js';
import { makeEntry } from './page-cache.js';
import { sendCached } from './send-cached.js';
import { createSingleFlight } from './shared-work.js';
import { parseRowId } from '../domain/ids.js';

const MEDIA_REF = /^(\d+)-([0-9a-f]{16})$/;

/** Image variants, addressed by id and content hash, so each URL's bytes never change. */
export interface MediaRouteDeps {
  db: Db;
  mediaCache: ResponseCache;
}

const MediaParams = z.object({ ref: z.string(), name: z.string() });

export const registerMediaRoutes = (scope: FastifyInstance, deps: MediaRouteDeps): void => {
  // Concurrent first requests for one variant share one read, and one encode when it is made now: the AVIF of an
  // older photo takes a few hundred milliseconds of CPU, and a page's readers ask for it at the same moment.
  const loadOnce = createSingleFlight<CachedResponse | null>();

  const load = async (mediaId: number, hash: string, name: string): Promise<CachedResponse | null> => {
    const stored = await findMediaVariantRow(deps.db, mediaId, name);
    const made = stored ? null : await makeOnDemand(deps.db, mediaId, hash, name);
    const row = stored ?? (made ? { hash, ...made } : undefined);
    if (!row || row.hash !== hash) return null;
    return makeEntry(Buffer.from(row.bytes), {
      contentType: row.mime,
      cacheControl: 'public, max-age=31536000, immutable',
      expiresAt: Number.POSITIVE_INFINITY,
    });
  };

  typed(scope).get('/media/:ref/:name', { schema: { params: MediaParams } }, async (req, reply) => {
    const ref = MEDIA_REF.exec(req.params.ref);
    const mediaId = ref ? parseRowId(ref[1]) : null;
    const hash = ref?.[2];
    const crop = cropOfFileName(req.params.name);
    if (!hash || mediaId === null || (crop === null && !VARIANT_NAME_PATTERN.test(req.params.name))) {
      throw pageNotFound();
    }
    // Keyed by what names the image, never by the raw address: a query string cannot add entries.
    const key = `${mediaId}-${hash}/${req.params.name}`;
    const now = Date.now();
    const cached = deps.mediaCache.get(key, now);
    if (cached) return sendCached(req, reply, cached, 'HIT');
    const entry = await loadOnce(key, () => load(mediaId, hash, req.params.name));
    if (!entry) throw pageNotFound();
    deps.mediaCache.set(key, entry);
    return sendCached(req, reply, entry, 'MISS');
  });
};

/**
 * What an image stored before a kind of variant existed gets at the first request for one: a crop, or an AVIF
 * variant (services/store-image.ts). Null when the name is neither, or the image has no such variant.
 */
const makeOnDemand = (db: Db, mediaId: number, hash: string, name: string) => {
  const crop = cropOfFileName(name);
  if (crop !== null) return cropOnDemand(db, mediaId, hash, crop);
  const avifWidth = avifWidthOfName(name);
  return avifWidth === null ? null : avifOnDemand(db, mediaId, hash, avifWidth);
};
