import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paragraph } from '../../src/domain/body.js';
import { writePublicationPage } from '../../src/services/save-publication-page.js';
import { saveSiteSettings } from '../../src/services/site-admin.js';
import { findPageRow } from '../../src/storage/repositories/page.repository.js';
import { homeTopIdRows } from '../../src/storage/repositories/curation.repository.js';
import { loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { ghostAdminToken } from '../support/ghost-admin-token.js';
import {
  ghostAdminClient,
  startAdminApiServer,
  type AdminApiServer,
  type GhostAdminClient,
  type GhostRecord,
} from '../support/ghost-admin-client.js';

/** The settings form as the site now has it: every field as text. */
const settingsForm = (server: AdminApiServer): Record<string, string> => {
  const { logo: _l, icon: _i, sameAs, ...text } = server.worker.site.current().context.settings;
  return { ...text, sameAs: sameAs.join('\n') };
};

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as Error & { context?: string },
  );

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`Admin API images, pages and lists on ${backend.name}`, () => {
    let storage: TestStorage;
    let server: AdminApiServer;
    let ids: FixtureIds;
    let api: GhostAdminClient;
    let folder: string;
    let key: string;

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      server = await startAdminApiServer(storage.db);
      key = (await server.keys.createApiKey({ name: 'Importer', type: 'admin' })).key;
      api = ghostAdminClient(server.url, key);
      folder = mkdtempSync(join(tmpdir(), 'dateline-admin-upload-'));
      const photo = await sharp({
        create: { width: 900, height: 500, channels: 3, background: { r: 20, g: 90, b: 160 } },
      })
        .png()
        .toBuffer();
      writeFileSync(join(folder, 'harbour.png'), photo);
      writeFileSync(join(folder, 'notes.txt'), 'Not an image at all.');
    });
    afterAll(async () => {
      rmSync(folder, { recursive: true, force: true });
      await server?.close();
      await storage?.destroy();
    });

    it('stores an upload through the image pipeline and answers its address and ref; a non-image is refused', async () => {
      const image = await api.images.upload({ file: join(folder, 'harbour.png'), ref: 'harbour-1' });
      expect(image.ref).toBe('harbour-1');
      expect(image.url).toMatch(/\/media\/\d+-[0-9a-f]{16}\/w\d+\.jpg$/);
      const served = await fetch(`${server.url}${new URL(image.url).pathname}`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toMatch(/image\/jpeg/);
      const error = await refusal(api.images.upload({ file: join(folder, 'notes.txt') }));
      expect(error.name).toBe('UnsupportedMediaTypeError');
    });

    it('places an uploaded image as the feature image and in the body; an image from elsewhere is left out, with a note', async () => {
      const image = await api.images.upload({ file: join(folder, 'harbour.png') });
      const mediaId = /\/media\/(\d+)-/.exec(image.url)![1];
      const post = await api.posts.add(
        {
          title: 'The new harbour wall',
          feature_image: image.url,
          feature_image_alt: 'A grey sea wall under a blue sky',
          feature_image_caption: 'The wall at dawn',
          html: `<p>Built in a year.</p><figure><img src="${image.url}" alt="The wall from the pier"><figcaption>From the pier</figcaption></figure><img src="https://elsewhere.example/x.jpg" alt="Elsewhere">`,
        },
        { source: 'html' },
      );
      expect(post.feature_image).toContain(`/media/${mediaId}-`);
      expect(post).toMatchObject({
        feature_image_alt: 'A grey sea wall under a blue sky',
        feature_image_caption: 'The wall at dawn',
      });
      expect(post.html).toContain(`/media/${mediaId}-`);
      expect(post.html).toContain('The wall from the pier');
      expect(post.html).not.toContain('elsewhere.example');
      expect(String(post.conversion_notes)).toMatch(/elsewhere\.example/);
      const refused = await refusal(api.posts.add({ title: 'No alt', feature_image: image.url }));
      expect(refused.name).toBe('ValidationError');
      const foreign = await refusal(
        api.posts.add({ title: 'Hotlinked', feature_image: 'https://elsewhere.example/y.jpg', feature_image_alt: 'Y' }),
      );
      expect(foreign.context).toMatch(/images\/upload/);
    });

    it('features a post on the home page’s top stories, and takes it off again', async () => {
      const post = await api.posts.add(
        { title: 'Featured one', html: '<p>Top.</p>', status: 'published', featured: true },
        { source: 'html' },
      );
      expect(post.featured).toBe(true);
      expect((await homeTopIdRows(storage.db)).map((r) => r.article_id)).toContain(Number(post.id));
      const off = await api.posts.edit({ id: post.id, updated_at: post.updated_at, featured: false });
      expect(off.featured).toBe(false);
      expect((await homeTopIdRows(storage.db)).map((r) => r.article_id)).not.toContain(Number(post.id));
    });

    it('adds, publishes, edits and deletes a page, refusing a stale edit and a schedule', async () => {
      const page = await api.pages.add({ title: 'Letters policy', html: '<p>Write to us.</p>' }, { source: 'html' });
      expect(page).toMatchObject({ status: 'draft', slug: 'letters-policy' });
      const live = await api.pages.edit({ id: page.id, updated_at: page.updated_at, status: 'published' });
      expect(live.status).toBe('published');
      expect((await fetch(`${server.url}/letters-policy/`)).status).toBe(200);
      expect((await refusal(api.pages.edit({ id: page.id, updated_at: page.updated_at, title: 'Stale' }))).name).toBe(
        'UpdateCollisionError',
      );
      const error = await refusal(api.pages.edit({ id: page.id, updated_at: live.updated_at, status: 'scheduled' }));
      expect(error.name).toBe('ValidationError');
      expect((await api.pages.browse()).map((p) => p.title)).toContain('Letters policy');
      await api.pages.delete({ id: page.id as string });
      expect(await findPageRow(storage.db, Number(page.id))).toBeUndefined();
      expect((await fetch(`${server.url}/letters-policy/`)).status).toBe(404);
      expect((await refusal(api.pages.read({ id: page.id as string }))).name).toBe('NotFoundError');
    });

    it('takes back a page it answered with its title changed, keeping the photo’s caption and credit apart', async () => {
      const made = await writePublicationPage(
        storage.db,
        null,
        {
          title: 'Visit us',
          slug: 'visit-us',
          body: [paragraph('The office is by the harbour.')],
          photo: { mediaId: ids.photoMediaId, caption: 'The front desk', credit: 'Dateline photo', alt: 'A desk' },
          status: 'published',
        },
        { now: new Date(), savedBy: null },
      );
      const read = await api.pages.read({ id: String(made.id) });
      expect(read.feature_image_caption).toBe('The front desk (Dateline photo)');
      const { id, ...rest } = read;
      const edited = await api.pages.edit({ ...rest, id, title: 'Visit the newsroom' });
      expect(edited).toMatchObject({ title: 'Visit the newsroom', feature_image_caption: read.feature_image_caption });
      expect(await findPageRow(storage.db, made.id)).toMatchObject({
        photo_caption: 'The front desk',
        photo_credit: 'Dateline photo',
        photo_alt: 'A desk',
      });
    });

    it('lists tags (sections first among equals) and authors without emails, and reads the site', async () => {
      const tags = await api.tags.browse({ limit: 'all', include: 'count.posts' });
      const politics = tags.find((t) => t.slug === 'politics') as GhostRecord;
      expect(politics).toMatchObject({ name: 'Politics' });
      expect((politics.count as { posts: number }).posts).toBeGreaterThan(0);
      const authors = await fetch(`${server.url}/ghost/api/admin/authors/`, {
        headers: { authorization: `Ghost ${ghostAdminToken(key)}` },
      });
      const listed = (await authors.json()) as { authors: GhostRecord[] };
      expect(listed.authors.map((a) => a.id)).toContain(String(ids.authors.aoki));
      expect(JSON.stringify(listed)).not.toContain('@example.com');
      expect(await api.site.read()).toMatchObject({ title: 'Dateline News', url: expect.stringMatching(/\/$/) });
    });

    it('adds, edits and deletes its own webhooks; another integration’s is not found to it', async () => {
      const hook = await api.webhooks.add({
        event: 'post.published',
        target_url: 'https://hooks.example.com/new-post',
      });
      expect(hook).toMatchObject({ event: 'post.published', target_url: 'https://hooks.example.com/new-post' });
      const edited = await api.webhooks.edit({ id: hook.id, event: 'post.unpublished', target_url: hook.target_url });
      expect(edited.event).toBe('post.unpublished');
      const bad = await refusal(api.webhooks.add({ event: 'post.exploded', target_url: 'https://hooks.example.com/' }));
      expect(bad.name).toBe('ValidationError');
      const other = ghostAdminClient(
        server.url,
        (await server.keys.createApiKey({ name: 'Other', type: 'admin' })).key,
      );
      expect((await refusal(other.webhooks.delete({ id: hook.id as string }))).name).toBe('NotFoundError');
      await api.webhooks.delete({ id: hook.id as string });
      expect((await refusal(api.webhooks.delete({ id: hook.id as string }))).name).toBe('NotFoundError');
    });

    it('puts a post whose tags name no section in the site’s default section, once the setting names one', async () => {
      await saveSiteSettings(storage.db, { ...settingsForm(server), defaultSection: 'business' });
      await server.worker.site.refresh();
      const post = await api.posts.add({ title: 'Port fees rise', tags: ['shipping'] });
      expect((post.tags as GhostRecord[]).map((t) => t.slug)).toEqual(['business', 'shipping']);
      await expect(
        saveSiteSettings(storage.db, { ...settingsForm(server), defaultSection: 'nowhere' }),
      ).rejects.toThrow(/Choose one of the sections/);
    });
  });
}
