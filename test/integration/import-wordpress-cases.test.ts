import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReportJson } from '../../src/services/import-report.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { addJapaneseEdition, importCli, importEnv, withReader } from '../support/import-cli.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/wordpress/island-courier.xml');

/**
 * The WordPress import's cases harbour-gazette.xml leaves out (issue 17, record 0024), on the Island Courier's
 * export: namespaces spelled https://, Greek and Japanese, HTML and entities in a title, an empty title and an empty
 * body, 24 tags on one post, a block gallery and a [gallery] shortcode, images read from --uploads and fetched from a
 * server of the test's own (one answers 404), a re-import with one post changed, and --edition.
 */
interface Block {
  type: string;
  content?: { text: string }[];
  caption?: string;
  alt?: string;
}
const textOf = (block: Block | undefined): string => block?.content?.map((i) => i.text).join('') ?? '';

let server: Server;
let work: string;
let uploads: string;
/** The fixture with its remote images pointed at the test's server. */
let courier: string;
const asked: string[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dateline-wp-cases-'));
  uploads = join(work, 'uploads');
  mkdirSync(join(uploads, '2025/03'), { recursive: true });
  await sharp({ create: { width: 320, height: 200, channels: 3, background: '#c9a227' } })
    .png()
    .toFile(join(uploads, '2025/03/stalls.png'));
  await sharp({ create: { width: 300, height: 220, channels: 3, background: '#3d5a80' } })
    .jpeg()
    .toFile(join(uploads, '2025/03/nets.jpg'));
  const lantern = await sharp({ create: { width: 240, height: 240, channels: 3, background: '#e63946' } })
    .png()
    .toBuffer();
  server = createServer((req, res) => {
    asked.push(req.url ?? '');
    if (req.url === '/remote/lantern.png') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': lantern.byteLength });
      res.end(lantern);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not here');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  courier = join(work, 'island-courier.xml');
  writeFileSync(
    courier,
    readFileSync(FIXTURE, 'utf8').replaceAll('http://media.courier.test/', `http://127.0.0.1:${port}/`),
  );
});

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  rmSync(work, { recursive: true, force: true });
});

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`dateline import wordpress, more cases, on ${backend.name}`, () => {
    let storage: TestStorage;
    let env: Record<string, string>;
    beforeAll(async () => {
      storage = await backend.open();
      env = importEnv(storage);
    });
    afterAll(async () => {
      await storage?.destroy();
    });
    const { reportOf } = importCli('wordpress', () => env);
    let first: ImportReportJson;
    const article = async (slug: string) =>
      storage.db.selectFrom('article').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
    const bodyOf = async (slug: string) => JSON.parse((await article(slug)).body) as Block[];
    const revisionsPerArticle = async () =>
      new Map(
        (
          await storage.db
            .selectFrom('article_revision')
            .select(['article_id', (eb) => eb.fn.countAll().as('n')])
            .groupBy('article_id')
            .execute()
        ).map((r) => [r.article_id, Number(r.n)]),
      );

    it('reads an export whose namespaces are written with https:// as one with http://', async () => {
      asked.length = 0;
      const report = await reportOf([courier, '--uploads', uploads]);
      first = report;
      expect(report.site).toBe('https://courier.example');
      expect(report.counts.article).toEqual({ created: 5, updated: 0, unchanged: 0, skipped: 0 });
      expect(report.counts.author.created).toBe(1);
      const byline = await storage.db.selectFrom('author').select(['name', 'slug']).executeTakeFirstOrThrow();
      expect(byline).toEqual({ name: 'Ελένη Ιωσήφ', slug: 'eliosif' });
      const quiet = await article('quiet-week');
      expect(quiet.headline).toBe('Quiet week at the harbour office');
      expect(quiet.published_at).not.toBeNull();
    });

    it('keeps Greek and Japanese, makes an HTML title plain text and decodes entities', async () => {
      const market = await article('psaragora');
      expect(market.headline).toBe('Η νέα ψαραγορά & το λιμάνι');
      expect(textOf((await bodyOf('psaragora'))[0])).toBe(
        'Η ψαραγορά ανοίγει ξανά το Σάββατο, με δώδεκα πάγκους & ένα καφενείο.',
      );
      expect((await article('matsuri')).headline).toBe('島の祭り、三日間');
      expect(textOf((await bodyOf('matsuri'))[0])).toBe(
        '島の夏祭りは今年も三日間続きます。…提灯は港から坂の上まで並びます。',
      );
    });

    it('publishes an empty title under a placeholder headline, and an empty body as it is', async () => {
      const untitled = await article('untitled-note');
      expect(untitled.headline).toBe('(no title)');
      expect(untitled.status).toBe('published');
      const quiet = await article('quiet-week');
      expect(quiet.status).toBe('published');
      expect(JSON.parse(quiet.body)).toEqual([]);
    });

    it('keeps every one of 24 tags, in order', async () => {
      const roundup = await article('march-roundup');
      const tags = await storage.db
        .selectFrom('article_tag')
        .select('tag')
        .where('article_id', '=', roundup.id)
        .orderBy('position')
        .execute();
      expect(tags).toHaveLength(24);
      expect(tags[0]!.tag).toBe('Weather');
      expect(tags.at(-1)!.tag).toBe('Beaches');
    });

    it('reads a block gallery as its images from --uploads and drops a [gallery] shortcode, saying so', async () => {
      const blocks = await bodyOf('psaragora');
      expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'image', 'image', 'paragraph']);
      expect(blocks[1]).toMatchObject({ alt: 'Πάγκοι στην προκυμαία', caption: 'Οι πάγκοι' });
      expect(blocks[2]).toMatchObject({ alt: 'Nets drying' });
      expect(textOf(blocks[3])).toBe('Market morning');
      // Record 0024 and the converter: a [gallery] names its images by id only, so it is removed and said so.
      expect(first.notes.map((n) => n.note).join('\n')).toMatch(/\[gallery\] shortcode was removed/);
      expect(textOf((await bodyOf('matsuri'))[2])).not.toContain('gallery');
    });

    it('fetches images not in --uploads, and reports one answered 404 and drops its block', async () => {
      // Two from --uploads (never asked for over the network), one fetched; the one answered 404 is reported.
      expect(first.counts.image.created).toBe(3);
      expect([...asked].sort()).toEqual(['/remote/lantern.png', '/remote/vanished.png']);
      const why = first.downgraded.filter((d) => d.item.includes('(id 202,')).map((d) => d.why);
      expect(why.join('\n')).toMatch(/vanished\.png was left out.*404/);
      const blocks = await bodyOf('matsuri');
      expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'image', 'paragraph', 'paragraph']);
      expect(blocks[1]).toMatchObject({ alt: '提灯' });
      expect(blocks.filter((b) => b.type === 'image')).toHaveLength(1);
    });

    it('gives a post changed in the file one new revision on a re-import, and leaves the others alone', async () => {
      const before = await revisionsPerArticle();
      const changed = join(work, `island-courier-changed-${backend.name}.xml`);
      const original = readFileSync(courier, 'utf8');
      const withBody = original.replace(
        /(<title><!\[CDATA\[Quiet week at the harbour office\]\]><\/title>[\s\S]*?<content:encoded>)<!\[CDATA\[\]\]>/,
        '$1<![CDATA[<p>The office reopens on Monday with longer hours.</p>]]>',
      );
      expect(withBody).not.toBe(original);
      writeFileSync(changed, withBody);
      const report = await reportOf([changed, '--uploads', uploads]);
      expect(report.counts.article).toEqual({ created: 0, updated: 1, unchanged: 4, skipped: 0 });
      expect(report.counts.image.created).toBe(0);
      const after = await revisionsPerArticle();
      const quiet = await article('quiet-week');
      expect(textOf((JSON.parse(quiet.body) as Block[])[0])).toBe('The office reopens on Monday with longer hours.');
      for (const [id, n] of before) expect(after.get(id), `article ${id}`).toBe(id === quiet.id ? n + 1 : n);
    });

    it('imports into a second edition with --edition', async () => {
      const other = await backend.open();
      try {
        const ja = await addJapaneseEdition(other.db, 'アイランド・クーリエ');
        const cli = importCli('wordpress', () => importEnv(other));
        const refused = await cli.cli([courier, '--no-media', '--edition', 'ko']);
        expect(refused.code).toBe(1);
        expect(refused.err.join('\n')).toMatch(/no edition in ko/);
        const report = await cli.reportOf([courier, '--no-media', '--edition', 'ja']);
        expect(report.counts.article.created).toBe(5);
        const rows = await other.db.selectFrom('article').select(['slug', 'edition_id']).execute();
        expect(rows).toHaveLength(5);
        expect(new Set(rows.map((r) => r.edition_id))).toEqual(new Set([ja]));
        await withReader(other, importEnv(other), async (get) => {
          const old = await get('/2025/03/matsuri/');
          expect(old.statusCode).toBe(301);
          expect(String(old.headers.location)).toMatch(/^https?:\/\/[^/]+\/ja\/island\//);
          const page = await get(String(old.headers.location));
          expect(page.statusCode).toBe(200);
          expect(page.body).toContain('島の祭り、三日間');
        });
      } finally {
        await other.destroy();
      }
      expect(await storage.db.selectFrom('media').select('id').execute()).toHaveLength(3);
    });
  });
}
