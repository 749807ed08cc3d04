import type { FastifyInstance } from 'fastify';
import { VARIANT_NAME_PATTERN } from '../domain/media.js';
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
    if (!ref || mediaId === null || !VARIANT_NAME_PATTERN.test(req.params.name)) throw pageNotFound();
    // Keyed by what names the image, never by the raw address: a query string cannot add entries.
    const key = `${mediaId}-${ref[2]}/${req.params.name}`;
    const now = Date.now();
    const cached = deps.mediaCache.get(key, now);
    if (cached) return sendCached(req, reply, cached, 'HIT');
    const row = await findMediaVariantRow(deps.db, mediaId, req.params.name);
    if (!row || row.hash !== ref[2]) throw pageNotFound();
    const entry = makeEntry(Buffer.from(row.bytes), {
      contentType: row.mime,
      cacheControl: 'public, max-age=31536000, immutable',
      expiresAt: Number.POSITIVE_INFINITY,
    });
    deps.mediaCache.set(key, entry);
    return sendCached(req, reply, entry, 'MISS');
  });
};
