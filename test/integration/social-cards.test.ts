import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paragraph } from '../../src/domain/body.js';
import { addCorrection } from '../../src/services/corrections.js';
import { saveArticle } from '../../src/services/save-article.js';
import { storeImage } from '../../src/services/store-image.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

/**
 * Google's Article structured data (developers.google.com/search/docs/appearance/structured-data/article) lists no
 * required properties and recommends these; Dateline writes all of them, and the rest of its NewsArticle below.
 */
const GOOGLE_RECOMMENDED = ['author', 'dateModified', 'datePublished', 'headline', 'image'] as const;
const DATELINE_ALSO = [
  'description',
  'mainEntityOfPage',
  'publisher',
  'articleSection',
  'keywords',
  'inLanguage',
  'isAccessibleForFree',
] as const;

const EVIL = '</script><script>alert(1)</script>';

/** A photo with detail, wider than the crops, so each crop is cut to 1,200 px. */
const widePhoto = (width: number, height: number): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .composite([
      {
        input: { create: { width: Math.round(width / 3), height, channels: 3, background: { r: 20, g: 40, b: 90 } } },
        left: 0,
        top: 0,
      },
    ])
    .jpeg()
    .toBuffer();

type Node = Record<string, unknown>;

/** Every JSON-LD node on a page, from each script element's text as a browser would read it. */
const jsonLdNodes = (html: string): Node[] =>
  dom(html)
    .querySelectorAll('script[type="application/ld+json"]')
    .flatMap((s) => {
      const parsed = JSON.parse(s.textContent) as Node;
      return (parsed['@graph'] as Node[] | undefined) ?? [parsed];
    });

const nodeOfType = (html: string, type: string): Node => {
  const found = jsonLdNodes(html).filter((n) => n['@type'] === type);
  expect(found).toHaveLength(1);
  return found[0]!;
};

/** The page's Open Graph and Twitter tags, by key (a key given more than once lists every value). */
const metaTags = (html: string): Map<string, string[]> => {
  const tags = new Map<string, string[]>();
  for (const m of dom(html).querySelectorAll('meta')) {
    const key = m.getAttribute('property') ?? m.getAttribute('name');
    if (!key || !/^(og|article|twitter):/.test(key)) continue;
    tags.set(key, [...(tags.get(key) ?? []), m.getAttribute('content') ?? '']);
  }
  return tags;
};

const imageSize = async (bytes: Buffer) => {
  const meta = await sharp(bytes).metadata();
  return { format: meta.format, width: meta.width, height: meta.height };
};

/** The sizes inside an .ico: its directory entries, each pointing at a PNG. */
const icoSizes = (bytes: Buffer): number[] => {
  expect(bytes.readUInt16LE(0)).toBe(0);
  expect(bytes.readUInt16LE(2)).toBe(1);
  const count = bytes.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + 16 * i;
    const offset = bytes.readUInt32LE(entry + 12);
    expect(bytes.subarray(offset, offset + 8).toString('hex')).toBe('89504e470d0a1a0a');
    return bytes.readUInt8(entry) || 256;
  });
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`structured data and social cards on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let t: TestApp;
    let evilId: number;
    let oldMedia: { mediaId: number; hash: string };
    const get = (url: string) => t.app.inject({ method: 'GET', url });
    const baseUrl = () => t.site.current().context.settings.baseUrl;
    const referencePath = () => `/politics/defense-security/20260121-${ids.reference}/`;
    const evilPath = () => `/business/20260121-${evilId}/`;

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      const wide = await storeImage(storage.db, await widePhoto(2400, 1600), FIXTURE_NOW);
      evilId = await saveArticle(
        storage.db,
        null,
        {
          slug: 'evil',
          headline: `Markets ${EVIL} rally`,
          standfirst: `A standfirst ${EVIL}`,
          body: [paragraph('Prices rose.')],
          sectionId: ids.sections.business,
          authorIds: [ids.authors.aoki],
          tags: ['markets'],
          photo: { mediaId: wide.mediaId, caption: `A caption ${EVIL}`, credit: null, alt: `Alt ${EVIL}` },
          status: 'published',
          publishedAt: new Date('2026-01-21T02:00:00Z'),
          updatedAt: null,
        },
        FIXTURE_NOW,
      );
      // An image stored before crops existed: its crops are cut at the first request.
      const old = await storeImage(storage.db, await widePhoto(1600, 900), FIXTURE_NOW);
      await storage.db
        .deleteFrom('media_variant')
        .where('media_id', '=', old.mediaId)
        .where('name', 'in', ['c16x9.jpg', 'c4x3.jpg', 'c1x1.jpg', 'og.jpg'])
        .execute();
      oldMedia = old;
      const owner = await ensurePerson(storage.db, PEOPLE.owner);
      await addCorrection(
        storage.db,
        ids.reference,
        { kind: 'correction', text: 'An earlier version gave the wrong date for the talks.' },
        owner.id,
        new Date('2026-01-21T06:30:00Z'),
      );
      t = await buildTestApp(storage.db, FIXTURE_NOW);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    describe("an article's JSON-LD", () => {
      it("has every property of Google's Article list and the rest of a NewsArticle", async () => {
        const article = nodeOfType((await get(referencePath())).body, 'NewsArticle');
        for (const key of [...GOOGLE_RECOMMENDED, ...DATELINE_ALSO]) expect(article, key).toHaveProperty(key);
        expect(article.headline).toBe('Defence Chiefs of Two Neighbours Plan Talks to Mend Ties');
        expect(article.mainEntityOfPage).toBe(baseUrl() + referencePath());
        expect(article.articleSection).toBe('Defense & Security');
        expect(article.keywords).toEqual(['test']);
        expect(article.inLanguage).toBe('en');
        expect(article.isAccessibleForFree).toBe(true);
      });

      it('writes its dates with the site offset', async () => {
        const article = nodeOfType((await get(referencePath())).body, 'NewsArticle');
        expect(article.datePublished).toBe('2026-01-21T13:01:00+09:00');
        expect(article.dateModified).toBe('2026-01-21T13:01:00+09:00');
        const updated = nodeOfType((await get(`/politics/20260121-${ids.updated}/`)).body, 'NewsArticle');
        expect(updated.dateModified).toBe('2026-01-21T18:45:00+09:00');
      });

      it('names every author, in byline order, as a Person with an absolute author page', async () => {
        const article = nodeOfType((await get(referencePath())).body, 'NewsArticle');
        expect((article.author as Node[]).map((a) => [a['@type'], a.name, a.url])).toEqual([
          ['Person', 'Tom Baker', `${baseUrl()}/author/tom-baker/`],
          ['Person', 'Mei Aoki', `${baseUrl()}/author/mei-aoki/`],
        ]);
      });

      it('names the publisher with a logo that answers', async () => {
        const { publisher } = nodeOfType((await get(referencePath())).body, 'NewsArticle') as { publisher: Node };
        expect(publisher['@type']).toBe('NewsMediaOrganization');
        expect(publisher.name).toBe(t.site.current().context.settings.publicationName);
        expect(publisher.url).toBe(`${baseUrl()}/`);
        const logo = publisher.logo as { url: string; width: number; height: number };
        expect(logo.url.startsWith(`${baseUrl()}/`)).toBe(true);
        const res = await get(logo.url.slice(baseUrl().length));
        expect(res.statusCode).toBe(200);
        expect(await imageSize(res.rawPayload)).toMatchObject({ width: logo.width, height: logo.height });
      });

      it('lists the published correction as a CorrectionComment with its local date', async () => {
        const article = nodeOfType((await get(referencePath())).body, 'NewsArticle');
        expect(article.correction).toEqual([
          {
            '@type': 'CorrectionComment',
            text: 'An earlier version gave the wrong date for the talks.',
            datePublished: '2026-01-21T15:30:00+09:00',
          },
        ]);
      });

      it('gives a breadcrumb trail of home, section and subsection', async () => {
        const trail = nodeOfType((await get(referencePath())).body, 'BreadcrumbList');
        const name = t.site.current().context.settings.publicationName;
        expect(trail.itemListElement).toEqual([
          { '@type': 'ListItem', position: 1, name, item: `${baseUrl()}/` },
          { '@type': 'ListItem', position: 2, name: 'Politics', item: `${baseUrl()}/politics/` },
          {
            '@type': 'ListItem',
            position: 3,
            name: 'Defense & Security',
            item: `${baseUrl()}/politics/defense-security/`,
          },
        ]);
      });

      it('lists three crops of the main photo, 16:9, 4:3 and 1:1, each 1,200 px wide and served so', async () => {
        const article = nodeOfType((await get(evilPath())).body, 'NewsArticle');
        const images = article.image as { url: string; width: number; height: number }[];
        expect(images.map((i) => [i.width, i.height])).toEqual([
          [1200, 675],
          [1200, 900],
          [1200, 1200],
        ]);
        for (const image of images) {
          const res = await get(image.url.slice(baseUrl().length));
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toBe('image/jpeg');
          expect(await imageSize(res.rawPayload)).toEqual({ format: 'jpeg', width: image.width, height: image.height });
        }
      });

      it('keeps a photo narrower than 1,200 px at its own width', async () => {
        const article = nodeOfType((await get(referencePath())).body, 'NewsArticle');
        expect((article.image as { width: number; height: number }[]).map((i) => [i.width, i.height])).toEqual([
          [1000, 563],
          [1000, 750],
          [1000, 1000],
        ]);
      });
    });

    describe('text that tries to close the script element', () => {
      it('stays inside the JSON-LD string, read back exactly', async () => {
        const html = (await get(evilPath())).body;
        expect(html).not.toContain('<script>alert(1)');
        const article = nodeOfType(html, 'NewsArticle');
        expect(article.headline).toBe(`Markets ${EVIL} rally`);
        expect(article.description).toBe(`A standfirst ${EVIL}`);
        expect(dom(html).querySelectorAll('script[type="application/ld+json"]')).toHaveLength(1);
        expect(metaTags(html).get('og:image:alt')).toEqual([`Alt ${EVIL}`]);
      });
    });

    describe('Open Graph and Twitter tags', () => {
      it('describe an article with the Open Graph crop, its times with the offset, section, tags and authors', async () => {
        const tags = metaTags((await get(referencePath())).body);
        const crop = `${baseUrl()}/media/${ids.photoMediaId}-`;
        expect(tags.get('og:type')).toEqual(['article']);
        expect(tags.get('og:title')).toEqual(['Defence Chiefs of Two Neighbours Plan Talks to Mend Ties']);
        expect(tags.get('og:url')).toEqual([baseUrl() + referencePath()]);
        expect(tags.get('og:site_name')).toEqual([t.site.current().context.settings.publicationName]);
        expect(tags.get('og:locale')).toEqual(['en']);
        expect(tags.get('og:image')![0]).toMatch(new RegExp(`^${crop.replace(/[.]/g, '\\.')}[0-9a-f]{16}/og\\.jpg$`));
        expect(tags.get('og:image:width')).toEqual(['1000']);
        expect(tags.get('og:image:height')).toEqual(['525']);
        expect(tags.get('og:image:alt')).toEqual(['A minister at a lectern']);
        expect(tags.get('article:published_time')).toEqual(['2026-01-21T13:01:00+09:00']);
        expect(tags.get('article:modified_time')).toEqual(['2026-01-21T13:01:00+09:00']);
        expect(tags.get('article:section')).toEqual(['Defense & Security']);
        expect(tags.get('article:tag')).toEqual(['test']);
        expect(tags.get('article:author')).toEqual([`${baseUrl()}/author/tom-baker/`, `${baseUrl()}/author/mei-aoki/`]);
        expect(tags.get('twitter:card')).toEqual(['summary_large_image']);
        expect(tags.get('twitter:title')).toEqual(tags.get('og:title'));
        expect(tags.get('twitter:image')).toEqual(tags.get('og:image'));
        expect(tags.get('twitter:image:alt')).toEqual(['A minister at a lectern']);
        expect(tags.has('twitter:site')).toBe(false);
      });

      it('serve the Open Graph crop at 1200×630 when the photo allows', async () => {
        const tags = metaTags((await get(evilPath())).body);
        const res = await get(tags.get('og:image')![0]!.slice(baseUrl().length));
        expect(res.statusCode).toBe(200);
        expect(await imageSize(res.rawPayload)).toEqual({ format: 'jpeg', width: 1200, height: 630 });
        expect(tags.get('og:image:width')).toEqual(['1200']);
        expect(tags.get('og:image:height')).toEqual(['630']);
      });

      it('describe the home page and a section front as websites, every address absolute', async () => {
        for (const path of ['/', '/politics/']) {
          const tags = metaTags((await get(path)).body);
          expect(tags.get('og:type')).toEqual(['website']);
          expect(tags.get('og:url')).toEqual([baseUrl() + path]);
          for (const key of ['og:image', 'twitter:image'])
            expect(tags.get(key)![0]!.startsWith(`${baseUrl()}/`)).toBe(true);
        }
      });
    });

    describe('home and section fronts', () => {
      it('describe the home page as a WebSite published by a NewsMediaOrganization', async () => {
        const html = (await get('/')).body;
        const org = nodeOfType(html, 'NewsMediaOrganization');
        expect(nodeOfType(html, 'WebSite')).toMatchObject({ url: `${baseUrl()}/`, publisher: { '@id': org['@id'] } });
        expect((org.logo as Node).url).toBe(`${baseUrl()}/icon-512.png`);
      });

      it('describe a subsection front as a CollectionPage with its trail', async () => {
        const html = (await get('/politics/defense-security/')).body;
        expect(nodeOfType(html, 'CollectionPage')).toMatchObject({
          url: `${baseUrl()}/politics/defense-security/`,
          name: 'Defense & Security',
        });
        expect((nodeOfType(html, 'BreadcrumbList').itemListElement as Node[]).map((i) => i.name)).toEqual([
          t.site.current().context.settings.publicationName,
          'Politics',
          'Defense & Security',
        ]);
      });
    });

    describe('crops of an image stored before crops existed', () => {
      it('are cut at the first request, at their shapes and widths, then kept', async () => {
        const expected = {
          'c16x9.jpg': [1200, 675],
          'c4x3.jpg': [1200, 900],
          'c1x1.jpg': [1200, 1200],
          'og.jpg': [1200, 630],
        };
        for (const [name, [width, height]] of Object.entries(expected)) {
          const res = await get(`/media/${oldMedia.mediaId}-${oldMedia.hash}/${name}`);
          expect(res.statusCode).toBe(200);
          expect(await imageSize(res.rawPayload)).toEqual({ format: 'jpeg', width, height });
        }
        const kept = await storage.db
          .selectFrom('media_variant')
          .select('name')
          .where('media_id', '=', oldMedia.mediaId)
          .where('name', 'in', Object.keys(expected))
          .execute();
        expect(kept.map((k) => k.name).sort()).toEqual(Object.keys(expected).sort());
      });

      it('answer 404 for a crop of an image that does not exist or a wrong hash', async () => {
        expect((await get(`/media/999999-0123456789abcdef/c1x1.jpg`)).statusCode).toBe(404);
        expect((await get(`/media/${oldMedia.mediaId}-0123456789abcdef/c1x1.jpg`)).statusCode).toBe(404);
      });
    });

    describe('icons and the web manifest', () => {
      const expectIcons = async () => {
        const ico = await get('/favicon.ico');
        expect(ico.statusCode).toBe(200);
        expect(ico.headers['content-type']).toBe('image/x-icon');
        expect(icoSizes(ico.rawPayload)).toEqual([16, 32, 48]);
        for (const [path, size] of [
          ['/apple-touch-icon.png', 180],
          ['/icon-192.png', 192],
          ['/icon-512.png', 512],
        ] as const) {
          const res = await get(path);
          expect(res.statusCode, path).toBe(200);
          expect(res.headers['content-type']).toBe('image/png');
          expect(await imageSize(res.rawPayload)).toEqual({ format: 'png', width: size, height: size });
        }
        const manifest = await get('/manifest.webmanifest');
        expect(manifest.statusCode).toBe(200);
        expect(manifest.headers['content-type']).toBe('application/manifest+json');
        const parsed = JSON.parse(manifest.body) as { name: string; icons: { src: string; sizes: string }[] };
        expect(parsed.name).toBe(t.site.current().context.settings.publicationName);
        expect(parsed.icons.map((i) => [i.src, i.sizes])).toEqual([
          ['/icon-192.png', '192x192'],
          ['/icon-512.png', '512x512'],
        ]);
        return (await get('/icon-512.png')).rawPayload;
      };

      it('answer with the drawn initials when no logo was uploaded, and every page links them', async () => {
        await expectIcons();
        const head = dom((await get('/')).body).querySelector('head')!;
        expect(head.querySelector('link[rel="manifest"]')!.getAttribute('href')).toBe('/manifest.webmanifest');
        expect(head.querySelector('link[rel="apple-touch-icon"]')!.getAttribute('href')).toBe('/apple-touch-icon.png');
      });

      it('follow an uploaded logo, which also heads the masthead and the JSON-LD', async () => {
        const drawn = await expectIcons();
        await ensurePerson(storage.db, PEOPLE.owner);
        const c = new NewsroomClient(t.app);
        await c.signIn(PEOPLE.owner.email, PASSWORD);
        await c.get('/newsroom/settings');
        const logo = await sharp({ create: { width: 600, height: 150, channels: 4, background: '#b0122b' } })
          .png()
          .toBuffer();
        const saved = await c.postMultipart(
          '/newsroom/settings/image',
          { which: 'logo' },
          { field: 'file', name: 'logo.png', type: 'image/png', bytes: logo },
        );
        expect(saved.statusCode).toBe(303);
        const { logo: stored } = t.site.current().context.settings;
        expect(stored).toMatchObject({ width: 600, height: 150 });

        const uploaded = await expectIcons();
        expect(uploaded.equals(drawn)).toBe(false);
        const html = (await get('/')).body;
        const img = dom(html).querySelector('.masthead-title img')!;
        expect(img.getAttribute('src')).toBe(`/media/${stored!.mediaId}-${stored!.hash}/w400.webp`);
        expect(img.getAttribute('alt')).toBe(t.site.current().context.settings.publicationName);
        expect((nodeOfType(html, 'NewsMediaOrganization').logo as Node).url).toBe(
          `${baseUrl()}/media/${stored!.mediaId}-${stored!.hash}/w600.jpg`,
        );
        expect(await htmlProblems(html)).toEqual([]);
        expect(await htmlProblems((await c.get('/newsroom/settings')).body)).toEqual([]);

        // Removing it goes back to the name in the masthead and the drawn icons.
        expect((await c.postMultipart('/newsroom/settings/image', { which: 'logo', remove: '1' })).statusCode).toBe(
          303,
        );
        expect(t.site.current().context.settings.logo).toBeNull();
        expect(dom((await get('/')).body).querySelector('.masthead-title img')).toBeNull();
        expect((await expectIcons()).equals(drawn)).toBe(true);
      });

      it("take the X account and the organisation's profiles from Settings into twitter:site and sameAs", async () => {
        await ensurePerson(storage.db, PEOPLE.owner);
        const c = new NewsroomClient(t.app);
        await c.signIn(PEOPLE.owner.email, PASSWORD);
        const form = dom((await c.get('/newsroom/settings')).body).querySelector('form[action="/newsroom/settings"]')!;
        // Every field as the page shows it, so the test posts back whatever else the form has grown.
        const values: Record<string, string> = Object.fromEntries([
          ...form
            .querySelectorAll('input[type="text"]')
            .map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? '']),
          ...form.querySelectorAll('textarea').map((a) => [a.getAttribute('name')!, a.text]),
          ...form.querySelectorAll('select').map((sel) => {
            const options = sel.querySelectorAll('option');
            const chosen = options.find((o) => o.hasAttribute('selected')) ?? options[0];
            return [sel.getAttribute('name')!, chosen?.getAttribute('value') ?? ''];
          }),
        ]);
        const refused = await c.post('/newsroom/settings', { ...values, twitterHandle: 'not a handle!' });
        expect(refused.statusCode).toBe(400);
        expect(dom(refused.body).querySelector('#twitterHandle-error')).not.toBeNull();

        const saved = await c.post('/newsroom/settings', {
          ...values,
          twitterHandle: 'https://x.com/ledger_news',
          sameAs: 'https://x.com/ledger_news\nhttps://en.wikipedia.org/wiki/Ledger',
        });
        expect(saved.statusCode).toBe(303);
        expect(metaTags((await get('/')).body).get('twitter:site')).toEqual(['@ledger_news']);
        expect(nodeOfType((await get('/')).body, 'NewsMediaOrganization').sameAs).toEqual([
          'https://x.com/ledger_news',
          'https://en.wikipedia.org/wiki/Ledger',
        ]);
        const shown = dom((await c.get('/newsroom/settings')).body);
        expect(shown.querySelector('#twitterHandle')!.getAttribute('value')).toBe('@ledger_news');
      });

      it('refuse an upload that is not an image with the reason, keeping what was there', async () => {
        await ensurePerson(storage.db, PEOPLE.owner);
        const c = new NewsroomClient(t.app);
        await c.signIn(PEOPLE.owner.email, PASSWORD);
        await c.get('/newsroom/settings');
        const before = t.site.current().context.settings.icon;
        const res = await c.postMultipart(
          '/newsroom/settings/image',
          { which: 'icon' },
          { field: 'file', name: 'icon.png', type: 'image/png', bytes: Buffer.from('not an image at all') },
        );
        expect(res.statusCode).toBe(400);
        expect(dom(res.body).querySelector('#icon-error')!.text).toContain('The image was not accepted');
        expect(t.site.current().context.settings.icon).toEqual(before);
      });
    });
  });
}
