import type { FastifyInstance } from 'fastify';
import { cropOfFileName, VARIANT_NAME_PATTERN } from '../domain/media.js';
import { cropOnDemand } from '../services/store-image.js';
import { findMediaVariantRow } from '../storage/repositories/media.repository.js';
import type { Db } from '../storage/database.js';
import type { ResponseCache } from './page-cache.js';
import { typed } from './route-schemas.js';
import { z } from 'zod';
import { pageNotFound } from './errors.js';
import { makeEntry } from './page-cache.js';
import { sendCached } from './send-cached.js';
import { parseRowId } from '../domain/ids.js';

const MEDIA_REF = /^(\d+)-([0-9a-f]{16})$/;

/** Image variants, addressed by id and content hash, so each URL's bytes never change. */
export interface MediaRouteDeps {
  db: Db;
  mediaCache: ResponseCache;
}

const MediaParams = z.object({ ref: z.string(), name: z.string() });

export const registerMediaRoutes = (scope: FastifyInstance, deps: MediaRouteDeps): void => {
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
    const stored = await findMediaVariantRow(deps.db, mediaId, req.params.name);
    // A crop of an image stored before crops existed is cut now, once (services/store-image.ts).
    const cut = !stored && crop !== null ? await cropOnDemand(deps.db, mediaId, hash, crop) : null;
    const row = stored ?? (cut ? { hash, ...cut } : undefined);
    if (!row || row.hash !== hash) throw pageNotFound();
    const entry = makeEntry(Buffer.from(row.bytes), {
      contentType: row.mime,
      cacheControl: 'public, max-age=31536000, immutable',
      expiresAt: Number.POSITIVE_INFINITY,
    });
    deps.mediaCache.set(key, entry);
    return sendCached(req, reply, entry, 'MISS');
  });
};
