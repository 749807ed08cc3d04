import type { KyselyPlugin } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storeImage, type StoredImage } from '../../src/services/store-image.js';
import { FIXTURE_NOW, loadNewsroomFixture } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

/** A photo with some detail (two colours, a diagonal), so that its encodes are not a few bytes of one colour. */
const photo = (width: number, height: number): Promise<Buffer> =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
        `<rect width="100%" height="100%" fill="#2a6f97"/>` +
        `<polygon points="0,${height} ${width},0 ${width},${height}" fill="#f4a259"/>` +
        `<circle cx="${width / 3}" cy="${height / 3}" r="${height / 5}" fill="#fefae0"/></svg>`,
    ),
  )
    .jpeg({ quality: 90 })
    .toBuffer();

/** Counts the rows the app writes: each variant made at a request is stored with one insert. */
const insertCounter = () => {
  const seen = { inserts: 0 };
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      if (args.node.kind === 'InsertQueryNode') seen.inserts++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { plugin, seen };
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`AVIF variants of photos on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    let fresh: StoredImage;
    let older: StoredImage;
    const counter = insertCounter();
    const get = (url: string) => t.app.inject({ method: 'GET', url });
    const variantNames = async (mediaId: number) =>
      (await storage.db.selectFrom('media_variant').select('name').where('media_id', '=', mediaId).execute())
        .map((r) => r.name)
        .filter((n) => n.endsWith('.avif'))
        .sort();

    beforeAll(async () => {
      storage = await backend.open();
      await loadNewsroomFixture(storage.db);
      fresh = await storeImage(storage.db, await photo(1600, 1000), FIXTURE_NOW);
      // A photo stored before AVIF variants existed: it has its WebP, JPEG and crops only.
      older = await storeImage(storage.db, await photo(1000, 750), FIXTURE_NOW);
      await storage.db
        .deleteFrom('media_variant')
        .where('media_id', '=', older.mediaId)
        .where('name', 'like', '%.avif')
        .execute();
      t = await buildTestApp(storage.db.withPlugin(counter.plugin), FIXTURE_NOW);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });
    beforeEach(() => {
      counter.seen.inserts = 0;
    });

    it('makes an AVIF variant of each width when a photo is stored, each an AVIF image of that width', async () => {
      expect(await variantNames(fresh.mediaId)).toEqual(['w1200.avif', 'w400.avif', 'w800.avif']);
      for (const width of [400, 800, 1200]) {
        const res = await get(`/media/${fresh.mediaId}-${fresh.hash}/w${width}.avif`);
        expect([res.statusCode, res.headers['content-type']]).toEqual([200, 'image/avif']);
        const meta = await sharp(res.rawPayload).metadata();
        expect([meta.format, meta.compression, meta.width]).toEqual(['heif', 'av1', width]);
        // AVIF is what the <picture> offers first: it must not cost more bytes than the WebP behind it.
        const webp = await get(`/media/${fresh.mediaId}-${fresh.hash}/w${width}.webp`);
        expect(res.rawPayload.byteLength).toBeLessThan(webp.rawPayload.byteLength);
      }
      expect(counter.seen.inserts).toBe(0);
    });

    it("makes an older photo's AVIF variant at the first request, once for requests that arrive together", async () => {
      const url = `/media/${older.mediaId}-${older.hash}/w800.avif`;
      const answers = await Promise.all(Array.from({ length: 4 }, () => get(url)));
      for (const res of answers) {
        expect([res.statusCode, res.headers['content-type'], res.headers['x-cache']]).toEqual([
          200,
          'image/avif',
          'MISS',
        ]);
        expect(res.rawPayload.equals(answers[0]!.rawPayload)).toBe(true);
      }
      const meta = await sharp(answers[0]!.rawPayload).metadata();
      expect([meta.format, meta.compression, meta.width, meta.height]).toEqual(['heif', 'av1', 800, 600]);
      // One encode, stored once: the four requests shared it.
      expect(counter.seen.inserts).toBe(1);
      expect(await variantNames(older.mediaId)).toEqual(['w800.avif']);
      expect((await get(url)).headers['x-cache']).toBe('HIT');
    });

    it('makes none for a width the photo has no variant of, or the wrong hash, and answers 404', async () => {
      for (const url of [
        `/media/${older.mediaId}-${older.hash}/w1200.avif`,
        `/media/${older.mediaId}-${older.hash}/w401.avif`,
        `/media/${older.mediaId}-0123456789abcdef/w400.avif`,
        `/media/999999-${older.hash}/w400.avif`,
      ]) {
        expect((await get(url)).statusCode, url).toBe(404);
      }
      expect(counter.seen.inserts).toBe(0);
    });
  });
}
