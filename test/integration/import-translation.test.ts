import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/dateline.js';
import { articlePath } from '../../src/domain/article-path.js';
import { paragraph } from '../../src/domain/body.js';
import { defaultEditionSettings } from '../../src/domain/edition.js';
import { writeArticle } from '../../src/services/save-article.js';
import { loadSiteContext } from '../../src/services/site-context.js';
import type { Db } from '../../src/storage/database.js';
import { upsertAuthorRow } from '../../src/storage/repositories/author.repository.js';
import { insertEditionRow, replaceSectionNameRows } from '../../src/storage/repositories/edition.repository.js';
import { upsertSectionRow } from '../../src/storage/repositories/section.repository.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

/** A Japanese edition's article page, dated as that edition prints it. */
const JA_PAGE = [
  '港湾局、二つの島を結ぶ夜行フェリーを承認',
  '2026年1月21日 13:01',
  '港湾局は水曜日、4月から二つの島の町を夜行フェリーで結ぶことを決めた。',
  '便は深夜まで1時間おきに両港を出る。',
  '政治の注目記事',
  '-',
  '別の見出し',
  'アクセスランキング',
].join('\n');

/** The same kind of page with the English-style dateline, as the issue allows. */
const JA_PAGE_ENGLISH_DATELINE = [
  '市立図書館、土曜の開館を午後9時まで延長',
  '13:01 JST, January 21, 2026',
  '市立図書館は来週から、土曜日の開館時間を午後9時まで延ばす。',
  '政治の注目記事',
].join('\n');

const EN_PAGE = [
  'Museum Opens a Gallery of Old Railway Clocks',
  '10:15 JST, February 3, 2026',
  'A small museum near the old freight yard opened a room of station clocks on Tuesday.',
  'Top Articles in Politics',
].join('\n');

/** The one failure the CLI's migration meets when another test file drops its PostgreSQL schema meanwhile. */
const MIGRATION_RACE = /^dateline: migration unknown failed: schema "[a-z0-9_]+" does not exist$/;

const captured = (env: Record<string, string>) => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { env, stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l) } };
};

/** What an import could write: equal before and after a refusal means nothing was. */
const written = async (db: Db) => ({
  articles: await db.selectFrom('article').select(['id', 'edition_id', 'revision']).orderBy('id').execute(),
  links: await db.selectFrom('article_translation').selectAll().orderBy('translation_id').execute(),
  sections: await db.selectFrom('section').select(['id', 'slug']).orderBy('id').execute(),
  version: await db.selectFrom('setting').selectAll().where('key', '=', 'contentVersion').execute(),
});

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`import-page --lang --translation-of on ${backend.name}`, () => {
    let storage: TestStorage;
    let folder: string;
    let env: Record<string, string>;
    let jaEdition: number;
    let sourceId: number;
    let secondSourceId: number;
    const file = (name: string, text: string): string => {
      const path = join(folder, name);
      writeFileSync(path, text);
      return path;
    };
    const pathOf = async (id: number): Promise<string> => {
      const site = await loadSiteContext(storage.db);
      const row = await storage.db.selectFrom('article').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const ctx = site.editions.find((e) => e.edition.id === row.edition_id)!;
      return articlePath(ctx, ctx.sections.byId.get(row.section_id)!, new Date(row.first_published_at!), id);
    };
    const cli = async (...argv: string[]) => {
      for (let attempt = 1; ; attempt++) {
        const c = captured(env);
        const code = await runCli(['import-page', ...argv], c.io);
        // The command migrates first, and Kysely's migrator reads every schema's tables (pg_get_serial_sequence on
        // each): a schema another test file drops at that moment fails it before it reads or writes anything of
        // ours. Only that failure, which the import cannot cause, is tried again.
        if (attempt < 3 && c.err.length === 1 && MIGRATION_RACE.test(c.err[0]!)) continue;
        return { code, ...c };
      }
    };

    beforeAll(() => {
      folder = mkdtempSync(join(tmpdir(), 'dateline-import-ja-'));
    });
    afterAll(() => rmSync(folder, { recursive: true, force: true }));
    beforeEach(async () => {
      storage = await backend.open();
      env = storage.databaseUrl
        ? { DATELINE_DATA: storage.dataDir, DATABASE_URL: storage.databaseUrl }
        : { DATELINE_DATA: storage.dataDir };
      const db = storage.db;
      jaEdition = (await insertEditionRow(db, {
        language: 'ja',
        prefix: '/ja/',
        position: 1,
        settings: JSON.stringify(
          defaultEditionSettings('ja', {
            publicationName: 'テスト新聞',
            shortName: 'テスト',
            tagline: '',
            timeZoneLabel: 'JST',
          }),
        ),
      }))!;
      const politics = await upsertSectionRow(db, { slug: 'politics', name: 'Politics', parent_id: null, position: 1 });
      await upsertSectionRow(db, { slug: 'culture', name: 'Culture', parent_id: null, position: 2 });
      await replaceSectionNameRows(db, jaEdition, [{ section_id: politics, name: '政治', slug: 'seiji' }]);
      const author = await upsertAuthorRow(db, { slug: 'kiri-asano', name: 'Kiri Asano', bio: '' });
      const source = (headline: string, at: string) =>
        writeArticle(
          db,
          null,
          {
            slug: 'port-authority-night-ferry',
            headline,
            standfirst: null,
            body: [paragraph('The port authority approved a night ferry between the two island towns.')],
            sectionId: politics,
            authorIds: [author],
            tags: ['ferries', 'islands'],
            photo: null,
            status: 'published',
            publishedAt: new Date(at),
            updatedAt: null,
          },
          new Date(at),
        );
      sourceId = await source('Port Authority Approves Night Ferry Between Two Island Towns', '2026-01-21T03:30:00Z');
      secondSourceId = await source('City Library to Stay Open Until 9 p.m. on Saturdays', '2026-01-21T03:40:00Z');
    });
    afterEach(async () => {
      await storage.destroy();
    });

    it('imports a page with a Japanese dateline into the ja edition, linked to the article at PATH', async () => {
      const run = await cli(file('ja.txt', JA_PAGE), '--lang', 'ja', '--translation-of', await pathOf(sourceId));
      expect(run.err).toEqual([]);
      expect(run.code).toBe(0);
      const id = Number(/^Imported article (\d+)\.$/.exec(run.out.at(-2)!)![1]);
      expect(run.out.at(-1)).toBe(`/ja/seiji/20260121-${id}/`);
      const row = await storage.db.selectFrom('article').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.edition_id).toBe(jaEdition);
      expect(new Date(Number(row.published_at)).toISOString()).toBe('2026-01-21T04:01:00.000Z');
      expect(JSON.parse(row.body)).toHaveLength(2);
      const links = await storage.db.selectFrom('article_translation').selectAll().execute();
      expect(links.map((l) => [l.article_id, l.translation_id, l.translation_edition_id])).toEqual([
        [sourceId, id, jaEdition],
      ]);
      // As the newsroom's Translate does: the source's section, bylines and tags.
      const tags = await storage.db.selectFrom('article_tag').select('tag').where('article_id', '=', id).execute();
      expect(tags.map((t) => t.tag).sort()).toEqual(['ferries', 'islands']);
      const bylines = await storage.db.selectFrom('article_author').selectAll().where('article_id', '=', id).execute();
      expect(bylines).toHaveLength(1);
    });

    it('reads the English-style dateline on a Japanese page, and finds the edition by the primary subtag', async () => {
      const source = `https://news.example${await pathOf(secondSourceId)}`;
      const run = await cli(file('en-dl.txt', JA_PAGE_ENGLISH_DATELINE), '--lang', 'ja-JP', '--translation-of', source);
      expect(run.err).toEqual([]);
      expect(run.code).toBe(0);
      expect(run.out.at(-1)).toMatch(/^\/ja\/seiji\/20260121-\d+\/$/);
      const link = await storage.db.selectFrom('article_translation').selectAll().executeTakeFirstOrThrow();
      expect(link.article_id).toBe(secondSourceId);
    });

    it('updates its translation when the same page is imported again', async () => {
      const page = file('again.txt', JA_PAGE);
      const path = await pathOf(sourceId);
      expect((await cli(page, '--lang', 'ja', '--translation-of', path)).code).toBe(0);
      const again = await cli(page, '--lang', 'ja', '--translation-of', path);
      expect(again.code).toBe(0);
      expect(again.out.at(-2)).toMatch(/^Updated article \d+\.$/);
      expect(await storage.db.selectFrom('article_translation').selectAll().execute()).toHaveLength(1);
    });

    it('refuses a language the site has no edition in, writing nothing', async () => {
      const before = await written(storage.db);
      const run = await cli(file('fr.txt', JA_PAGE), '--lang', 'fr', '--translation-of', await pathOf(sourceId));
      expect(run.code).toBe(1);
      expect(run.err[0]).toMatch(/^.*fr\.txt: the site has no edition in fr \(its editions: en at \/, ja at \/ja\/\)$/);
      expect(run.err).toContain('Nothing was written.');
      expect(await written(storage.db)).toEqual(before);
    });

    it('refuses a PATH that names no article, writing nothing', async () => {
      const before = await written(storage.db);
      for (const path of ['/politics/20260121-999999/', '/politics/', '/no/such/place/at/all/']) {
        const run = await cli(file('nothing.txt', JA_PAGE), '--lang', 'ja', '--translation-of', path);
        expect(run.code, path).toBe(1);
        expect(run.err[0], path).toMatch(/--translation-of .*(there is no article 999999|is not an article's address)/);
      }
      expect(await written(storage.db)).toEqual(before);
    });

    it('refuses an article that already has a translation in that edition, writing nothing', async () => {
      const path = await pathOf(sourceId);
      expect((await cli(file('first.txt', JA_PAGE), '--lang', 'ja', '--translation-of', path)).code).toBe(0);
      const before = await written(storage.db);
      const run = await cli(file('second.txt', JA_PAGE_ENGLISH_DATELINE), '--lang', 'ja', '--translation-of', path);
      expect(run.code).toBe(1);
      expect(run.err[0]).toMatch(
        new RegExp(`second\\.txt: article ${sourceId} already has a translation in the ja edition \\(article \\d+\\)`),
      );
      expect(await written(storage.db)).toEqual(before);
    });

    it('refuses to translate an article into its own edition, writing nothing', async () => {
      const before = await written(storage.db);
      const run = await cli(file('own.txt', EN_PAGE), '--lang', 'en', '--translation-of', await pathOf(sourceId));
      expect(run.code).toBe(1);
      expect(run.err[0]).toContain(`article ${sourceId} is in the en edition itself`);
      expect(await written(storage.db)).toEqual(before);
    });

    it('finds the section by its name in the edition without --translation-of, and never makes one', async () => {
      const run = await cli(file('own-section.txt', JA_PAGE), '--lang', 'ja');
      expect(run.code).toBe(0);
      expect(run.out.at(-1)).toMatch(/^\/ja\/seiji\/20260121-\d+\/$/);
      const before = await written(storage.db);
      const unknown = await cli(
        file('unknown.txt', JA_PAGE.replace('政治の注目記事', '芸能の注目記事')),
        '--lang',
        'ja',
      );
      expect(unknown.code).toBe(1);
      expect(unknown.err[0]).toContain('the ja edition has no section named "芸能"');
      expect(await written(storage.db)).toEqual(before);
    });

    it('imports into the first edition without --lang, as before editions', async () => {
      const run = await cli(file('en.txt', EN_PAGE));
      expect(run.code).toBe(0);
      expect(run.out.at(-1)).toMatch(/^\/politics\/20260203-\d+\/$/);
      expect(await storage.db.selectFrom('article_translation').selectAll().execute()).toEqual([]);
    });

    it('asks for --lang with --translation-of (a usage error)', async () => {
      const run = await cli(file('nolang.txt', JA_PAGE), '--translation-of', await pathOf(sourceId));
      expect(run.code).toBe(2);
      expect(run.err.join('\n')).toContain('--translation-of needs --lang');
    });
  });
}
