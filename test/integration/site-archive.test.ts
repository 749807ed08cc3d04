import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/dateline.js';
import { createAccount } from '../../src/services/accounts.js';
import { createApiKeyService } from '../../src/services/api-keys.js';
import { addCorrection } from '../../src/services/corrections.js';
import { secretKeyOnce } from '../../src/services/secret-key.js';
import { seedDemoContent } from '../../src/services/seed-demo.js';
import { createStorage } from '../../src/storage/database.js';
import { listTables, unknownTables } from '../../src/storage/repositories/site-archive-tables.repository.js';
import { buildTestApp } from '../support/app.js';
import { BACKENDS, type TestBackend, type TestStorage } from '../support/backends.js';
import { demoSeedOptions } from '../support/demo-photos.js';
import { ghostAdminToken } from '../support/ghost-admin-token.js';

const NOW = new Date('2026-11-25T03:00:00Z');
const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;
const postgres = BACKENDS.find((b) => b.name === 'postgres')!;

const cli = async (storage: TestStorage, ...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const env = {
    DATELINE_DATA: storage.dataDir,
    DATELINE_DEMO: '0',
    ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}),
  };
  const code = await runCli(argv, { env, stdout: (l) => out.push(l), stderr: (l) => err.push(l) });
  return { code, out, err };
};

/** Every reader page reachable from the home page, the sitemaps and the feed, plus searches and the Content API. */
const readerAnswers = async (storage: TestStorage, contentKey: string): Promise<Map<string, string>> => {
  const t = await buildTestApp(storage.db, NOW);
  try {
    const answers = new Map<string, string>();
    const queue = ['/', '/sitemap.xml', '/feed/', '/robots.txt', '/search?q=the', '/search?q=tokyo&sort=newest'];
    for (const kind of ['posts', 'pages', 'tags', 'authors', 'settings'])
      queue.push(
        `/ghost/api/content/${kind}/?key=${contentKey}${kind === 'settings' ? '' : '&limit=all&include=tags,authors'}`,
      );
    while (queue.length > 0 && answers.size < 600) {
      const path = queue.shift()!;
      if (answers.has(path)) continue;
      const res = await t.app.inject({ method: 'GET', url: path });
      // The view beacon's token is signed with a key each running process makes for itself: it differs between
      // any two processes, even over one database.
      const body = /text|json|xml/.test(String(res.headers['content-type']))
        ? res.body.replace(/data-token="[^"]*"/g, 'data-token=""')
        : res.rawPayload.toString('base64');
      answers.set(path, `${res.statusCode} ${String(res.headers['content-type'])} ${body}`);
      if (!/html|xml/.test(String(res.headers['content-type']))) continue;
      for (const [, link] of res.body.matchAll(/(?:href="|<loc>)(?:https?:\/\/[^/"<]+)?(\/[^"<#]*)/g)) {
        const next = link!.replaceAll('&amp;', '&');
        if (/^\/(newsroom|static|media|ghost)\b/.test(next) || answers.has(next)) continue;
        queue.push(next);
      }
    }
    return answers;
  } finally {
    await t.close();
  }
};

/** Compares answer by answer; a difference is shown as the path and a little text around its first character. */
const expectSameAnswers = (answers: Map<string, string>, expected: Map<string, string>) => {
  for (const [path, answer] of expected) {
    const got = answers.get(path) ?? '(none)';
    if (got === answer) continue;
    let at = 0;
    while (got[at] === answer[at]) at++;
    expect({ path, got: got.slice(Math.max(0, at - 80), at + 80) }).toEqual({
      path,
      got: answer.slice(Math.max(0, at - 80), at + 80),
    });
  }
};

const contentRows = async (storage: TestStorage) => ({
  articles: Number((await sql<{ n: number }>`select count(*) as n from article`.execute(storage.db)).rows[0]!.n),
  sections: Number((await sql<{ n: number }>`select count(*) as n from section`.execute(storage.db)).rows[0]!.n),
  users: Number((await sql<{ n: number }>`select count(*) as n from user_account`.execute(storage.db)).rows[0]!.n),
});

describe('dateline export and import site', () => {
  let source: TestStorage;
  let work: string;
  let archive: string;
  let contentKey: string;
  let adminKey: string;
  let sourceAnswers: Map<string, string>;
  const opened: TestStorage[] = [];
  const open = async (backend: TestBackend) => {
    const storage = await backend.open();
    opened.push(storage);
    return storage;
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dateline-archive-'));
    archive = join(work, 'site.tar');
    source = await open(sqlite);
    await seedDemoContent(source.db, NOW, demoSeedOptions);
    const editor = await createAccount(
      source.db,
      {
        email: 'archivist@example.test',
        name: 'Ada Archivist',
        role: 'editor',
        password: 'a long enough passphrase 7',
      },
      NOW,
    );
    const firstArticle = (await source.db.selectFrom('article').select('id').orderBy('id').executeTakeFirstOrThrow())
      .id;
    await addCorrection(
      source.db,
      firstArticle,
      { kind: 'correction', text: 'An earlier version misspelt the ward.' },
      editor.id,
      NOW,
    );
    const keys = createApiKeyService({
      db: source.db,
      clock: () => NOW,
      secretKey: secretKeyOnce(source.db, source.dataDir),
    });
    contentKey = (await keys.createApiKey({ name: 'Front end', type: 'content' })).key;
    adminKey = (await keys.createApiKey({ name: 'Sync', type: 'admin' })).key;
    if ((await listTables(source.db, 'sqlite')).includes('redirect')) {
      await sql`insert into redirect (from_path, to_path, source, created_at, updated_at)
        values ('/2019/05/old-story', '/politics/', 'newsroom', ${NOW.getTime()}, ${NOW.getTime()})`.execute(source.db);
    }
    const exported = await cli(source, 'export', '--out', archive);
    expect(exported).toMatchObject({ code: 0 });
    expect(exported.err.join('\n')).toContain('secret.key');
    expect(exported.out.at(-1)).toMatch(/^Exported \d+ rows of \d+ tables and \d+ media files to /);
    sourceAnswers = await readerAnswers(source, contentKey);
  }, 120_000);

  afterAll(async () => {
    for (const storage of opened) await storage.destroy();
    rmSync(work, { recursive: true, force: true });
  });

  it('reads a large part of the site from the source, so the comparisons below mean something', () => {
    const articles = [...sourceAnswers.keys()].filter((p) => /^\/[a-z-]+\/\d{8}-\d+\/$/.test(p));
    expect(articles.length).toBeGreaterThan(10);
    expect([...sourceAnswers.values()].filter((a) => a.startsWith('200 ')).length).toBeGreaterThan(40);
  });

  for (const backend of BACKENDS) {
    describe.skipIf(backend.skipReason !== null)(`into ${backend.name}`, () => {
      let target: TestStorage;
      beforeAll(async () => {
        target = await open(backend);
        const imported = await cli(target, 'import', 'site', archive);
        expect(imported).toMatchObject({ code: 0 });
        expect(imported.err.join('\n')).toContain('secret.key');
      }, 120_000);

      it('answers every reader page, feed, sitemap, search and Content API call byte for byte as the source', async () => {
        const answers = await readerAnswers(target, contentKey);
        expect([...answers.keys()]).toEqual([...sourceAnswers.keys()]);
        expectSameAnswers(answers, sourceAnswers);
      }, 120_000);

      it('keeps users, corrections and the admin key, which opens once secret.key is copied', async () => {
        expect(await contentRows(target)).toEqual(await contentRows(source));
        copyFileSync(join(source.dataDir, 'secret.key'), join(target.dataDir, 'secret.key'));
        const keys = createApiKeyService({
          db: target.db,
          clock: () => NOW,
          secretKey: secretKeyOnce(target.db, target.dataDir),
        });
        expect(await keys.verifyAdminToken(ghostAdminToken(adminKey), new Date())).toMatchObject({ ok: true });
        const next = await target.db
          .insertInto('section')
          .values({ slug: 'archive-new', name: 'New', parent_id: null, position: 99 })
          .returning('id')
          .executeTakeFirstOrThrow();
        expect(next.id).toBeGreaterThan(
          Number(
            (await sql<{ n: number }>`select max(id) as n from section where slug <> 'archive-new'`.execute(target.db))
              .rows[0]!.n,
          ),
        );
      });

      it('refuses a database that holds a site already, and writes nothing', async () => {
        const again = await cli(target, 'import', 'site', archive);
        expect(again.code).toBe(1);
        expect(again.err[0]).toMatch(/holds a site already/);
        expect(again.err.at(-1)).toBe('Nothing was written.');
      });
    });
  }

  describe.skipIf(postgres.skipReason !== null)('from PostgreSQL back to SQLite', () => {
    it('answers every page as the first site did', async () => {
      const middle = await open(postgres);
      expect((await cli(middle, 'import', 'site', archive)).code).toBe(0);
      const second = join(work, 'from-postgres.tar');
      expect((await cli(middle, 'export', '--out', second)).code).toBe(0);
      const last = await open(sqlite);
      expect((await cli(last, 'import', 'site', second)).code).toBe(0);
      const answers = await readerAnswers(last, contentKey);
      expectSameAnswers(answers, sourceAnswers);
    }, 180_000);
  });

  describe('damaged archives', () => {
    const refusedWithNothingWritten = async (file: string, message: RegExp) => {
      const target = await open(sqlite);
      const result = await cli(target, 'import', 'site', file);
      expect(result.code).toBe(1);
      expect(result.err[0]).toMatch(message);
      expect(result.err.at(-1)).toBe('Nothing was written.');
      expect(await contentRows(target)).toEqual({ articles: 0, sections: 0, users: 0 });
    };

    it('refuses an archive cut short', async () => {
      const bytes = readFileSync(archive);
      const cut = join(work, 'cut.tar');
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      await refusedWithNothingWritten(cut, /damaged/);
    });

    it('refuses an archive with one byte changed in a table file', async () => {
      const bytes = Buffer.from(readFileSync(archive));
      const at = bytes.indexOf('"headline":"') + 14;
      bytes[at] = bytes[at]! ^ 0x01;
      const flipped = join(work, 'flipped.tar');
      writeFileSync(flipped, bytes);
      await refusedWithNothingWritten(flipped, /tables\/article\.jsonl does not match its checksum/);
    });

    it('refuses an archive of another format version', async () => {
      const bytes = Buffer.from(readFileSync(archive));
      const at = bytes.lastIndexOf('"formatVersion": 1');
      expect(at).toBeGreaterThan(0);
      bytes.write('"formatVersion": 9', at);
      const other = join(work, 'version.tar');
      writeFileSync(other, bytes);
      await refusedWithNothingWritten(other, /format version 9; this build reads version 1/);
    });

    it('refuses a file that is not a tar at all', async () => {
      const html = join(work, 'page.tar');
      writeFileSync(html, '<!doctype html><title>Not an archive</title>'.repeat(40));
      await refusedWithNothingWritten(html, /not a tar archive, or is cut short/);
    });

    it('refuses a file that is not there', async () => {
      await refusedWithNothingWritten(join(work, 'missing.tar'), /cannot read .*missing\.tar/);
    });
  });

  it('exports one consistent snapshot while another process writes', async () => {
    // A second connection, as a serving process would have: each write adds a correction and counts it in a setting.
    const writer = createStorage({ dataDir: source.dataDir, databaseUrl: null });
    const articleId = (await source.db.selectFrom('article').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    let writes = 0;
    let exporting = true;
    const writing = (async () => {
      while (exporting) {
        await writer.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('correction')
            .values({
              article_id: articleId,
              kind: 'clarification',
              text: `Busy ${writes}`,
              created_at: NOW.getTime(),
              created_by: null,
            })
            .execute();
          await trx
            .insertInto('setting')
            .values({ key: 'archive-test.busy', value: String(writes + 1) })
            .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(writes + 1) }))
            .execute();
        });
        writes++;
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const busy = join(work, 'busy.tar');
    await new Promise((r) => setTimeout(r, 20));
    const exported = await cli(source, 'export', '--out', busy);
    exporting = false;
    await writing;
    await writer.close();
    expect(exported.code).toBe(0);
    const target = await open(sqlite);
    expect((await cli(target, 'import', 'site', busy)).code).toBe(0);
    const counted = Number(
      (
        await target.db
          .selectFrom('setting')
          .select('value')
          .where('key', '=', 'archive-test.busy')
          .executeTakeFirstOrThrow()
      ).value,
    );
    const rows = Number(
      (await sql<{ n: number }>`select count(*) as n from correction where text like 'Busy %'`.execute(target.db))
        .rows[0]!.n,
    );
    expect(rows).toBe(counted);
    // The writes went on during the export: the archive holds some of them and not the last.
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThan(writes);
  }, 120_000);

  it('names every table of the schema as archived or left out (a new table fails here until it is classified)', async () => {
    expect(existsSync(archive)).toBe(true);
    expect(unknownTables(await listTables(source.db, 'sqlite'))).toEqual([]);
  });
});
