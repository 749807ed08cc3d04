import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/dateline.js';
import { defaultEditionSettings } from '../../src/domain/edition.js';
import type { Db } from '../../src/storage/database.js';
import { insertEditionRow, replaceSectionNameRows } from '../../src/storage/repositories/edition.repository.js';
import { upsertSectionRow } from '../../src/storage/repositories/section.repository.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

/** A page naming its section in English wording, but by the Japanese edition's name for Politics. */
const PAGE = [
  'Port Authority Approves Night Ferry',
  '10:15 JST, February 3, 2026',
  'The port authority approved a night ferry between the two island towns on Tuesday.',
  'Top Articles in 政治',
  '-',
  'Another headline',
].join('\n');

/** The same in the Japanese edition's wording: its section line is "政治の注目記事". */
const JA_PAGE = [
  '港湾局、夜行フェリーを承認',
  '2026年2月3日 10:15',
  '港湾局は火曜日、二つの島の町を結ぶ夜行フェリーを承認した。',
  '政治の注目記事',
].join('\n');

/** The one failure the CLI's migration meets when another test file drops its PostgreSQL schema meanwhile. */
const MIGRATION_RACE = /^dateline: migration unknown failed: schema "[a-z0-9_]+" does not exist$/;

/** What an import could write: equal before and after a refusal means nothing was. */
const written = async (db: Db) => ({
  articles: await db
    .selectFrom('article')
    .select(['id', 'edition_id', 'section_id', 'revision'])
    .orderBy('id')
    .execute(),
  sections: await db.selectFrom('section').select(['id', 'slug', 'name']).orderBy('id').execute(),
  media: await db.selectFrom('media').select('id').orderBy('id').execute(),
  version: await db.selectFrom('setting').selectAll().where('key', '=', 'contentVersion').execute(),
});

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(
    `import-page into the first edition, of a page naming another edition's section, on ${backend.name}`,
    () => {
      let storage: TestStorage;
      let folder: string;
      let env: Record<string, string>;
      let jaEdition: number;
      let politics: number;
      const file = (name: string, text: string): string => {
        const path = join(folder, name);
        writeFileSync(path, text);
        return path;
      };
      const cli = async (...argv: string[]) => {
        for (let attempt = 1; ; attempt++) {
          const out: string[] = [];
          const err: string[] = [];
          const io = { env, stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l) };
          const code = await runCli(['import-page', ...argv], io);
          // Only the migration race another test file can cause, before anything of ours is read, is tried again.
          if (attempt < 3 && err.length === 1 && MIGRATION_RACE.test(err[0]!)) continue;
          return { code, out, err };
        }
      };

      beforeAll(() => {
        folder = mkdtempSync(join(tmpdir(), 'dateline-import-edition-section-'));
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
        politics = await upsertSectionRow(db, { slug: 'politics', name: 'Politics', parent_id: null, position: 1 });
        await upsertSectionRow(db, { slug: 'culture', name: 'Culture', parent_id: null, position: 2 });
        await replaceSectionNameRows(db, jaEdition, [{ section_id: politics, name: '政治', slug: 'seiji' }]);
      });
      afterEach(async () => {
        await storage.destroy();
      });

      it('refuses without --section, naming the line and what to pass, and writes nothing', async () => {
        const before = await written(storage.db);
        const page = file('en.txt', PAGE);
        const run = await cli(page);
        expect(run.code).toBe(1);
        expect(run.err[0]).toBe(
          `${page}:4: the page names its section "政治", a name in the ja edition, not in the first edition (en), ` +
            'where a page goes without --lang; pass --section politics to import it into the first edition, ' +
            'or --lang ja to import it into the ja edition',
        );
        expect(run.err).toContain('Nothing was written.');
        expect(run.out).toEqual([]);
        expect(await written(storage.db)).toEqual(before);
      });

      it('refuses the Japanese wording of the line the same way', async () => {
        const before = await written(storage.db);
        const page = file('ja.txt', JA_PAGE);
        const run = await cli(page);
        expect(run.code).toBe(1);
        expect(run.err[0]).toMatch(
          new RegExp(`^${page.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4: the page names its section "政治"`),
        );
        expect(run.err[0]).toContain('pass --section politics');
        expect(await written(storage.db)).toEqual(before);
      });

      it('files the page under --section when it is given, making no section', async () => {
        const before = await written(storage.db);
        const run = await cli(file('culture.txt', PAGE), '--section', 'culture');
        expect(run.err).toEqual([]);
        expect(run.code).toBe(0);
        expect(run.out.at(-1)).toMatch(/^\/culture\/20260203-\d+\/$/);
        const after = await written(storage.db);
        expect(after.sections).toEqual(before.sections);
        expect(after.articles.map((a) => a.edition_id)).toEqual([1]);
      });

      it('still refuses a --section the site does not have', async () => {
        const before = await written(storage.db);
        const run = await cli(file('none.txt', PAGE), '--section', 'sport');
        expect(run.code).toBe(1);
        expect(run.err[0]).toContain('there is no section "sport" (sections: politics, culture)');
        expect(await written(storage.db)).toEqual(before);
      });

      it('imports into the ja edition with --lang ja, under the section the name gives there', async () => {
        const run = await cli(file('lang.txt', PAGE), '--lang', 'ja');
        expect(run.err).toEqual([]);
        expect(run.code).toBe(0);
        expect(run.out.at(-1)).toMatch(/^\/ja\/seiji\/20260203-\d+\/$/);
        const [article] = (await written(storage.db)).articles;
        expect(article).toMatchObject({ edition_id: jaEdition, section_id: politics });
      });

      it('refuses a name of no Latin letters that no edition has, rather than making a section at /article/', async () => {
        const before = await written(storage.db);
        const page = file('geino.txt', PAGE.replace('Top Articles in 政治', 'Top Articles in 芸能'));
        const run = await cli(page);
        expect(run.code).toBe(1);
        expect(run.err[0]).toMatch(/:4: the page names its section "芸能", which the site has in no edition/);
        expect(run.err[0]).toContain('pass it with --section SLUG');
        expect(await written(storage.db)).toEqual(before);
      });

      it('goes on taking a first-edition name, and making a section from a new English one', async () => {
        const named = await cli(file('politics.txt', PAGE.replace('政治', 'politics')));
        expect(named.err).toEqual([]);
        expect(named.out.at(-1)).toMatch(/^\/politics\/20260203-\d+\/$/);
        const made = await cli(file('harbour.txt', PAGE.replace('政治', 'Harbour News')));
        expect(made.err).toEqual([]);
        expect(made.out).toContain('note: Created the section "Harbour News" (/harbour-news/).');
        expect(made.out.at(-1)).toMatch(/^\/harbour-news\/20260203-\d+\/$/);
      });
    },
  );
}
