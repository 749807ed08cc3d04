import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { loadConfig } from '../../src/config.js';
import { findSession } from '../../src/services/accounts.js';
import { seedDemoContent } from '../../src/services/seed-demo.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { createStorage, type Db } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE, type Person } from '../support/newsroom-people.js';
import { listAllRoutes, type RouteEntry } from './route-table.js';
import { crawl, type Scraped } from './scrape.js';
import { demoSeedOptions } from '../support/demo-photos.js';

/** Who a request is sent as: a signed-in person, a visitor holding the sign-in form's cookie, or a stranger. */
export interface Identity {
  name: 'owner' | 'editor' | 'contributor' | 'visitor' | 'stranger';
  client: NewsroomClient | null;
  person: Person | null;
  /** The signed-in person's account id, once known. */
  accountId?: number;
}

/** Row ids and names that exist now, so generated requests can hit real records as well as missing ones. */
export interface LivePools {
  articles: number[];
  revisions: Map<number, number>;
  /** Article ids by the account that created them. */
  byCreator: Map<number, number[]>;
  users: number[];
  sections: string[];
  authors: string[];
  media: number[];
}

/** The app under test and everything the generators draw from. */
export interface FuzzWorld {
  app: FastifyInstance;
  db: Db;
  worker: Worker;
  routes: RouteEntry[];
  identities: Identity[];
  scraped: Scraped;
  pools: LivePools;
  images: { good: Buffer; truncated: Buffer; real: Buffer };
  /** Reloads the pools from the database. */
  refreshPools(): Promise<void>;
  /** The signed-in people whose session a fuzzed request ended, or whose role it changed. */
  staleIdentities(): Promise<Identity[]>;
  /** Restores those people as they were (role, enabled, password) and signs them in again. */
  signBackIn(stale: Identity[]): Promise<void>;
  close(): Promise<void>;
}

const SIGNED_IN: { name: Identity['name']; person: Person }[] = [
  { name: 'owner', person: PEOPLE.owner },
  { name: 'editor', person: PEOPLE.eden },
  { name: 'contributor', person: PEOPLE.casey },
];

const sessionToken = (client: NewsroomClient): string =>
  /(?:^|; )dl_session=([^;]*)/.exec(client.cookieHeader())?.[1] ?? '';

const signInFresh = async (db: Db, client: NewsroomClient, person: Person): Promise<number> => {
  const account = await ensurePerson(db, person);
  // Fuzzed sign-ins with this email may have made its sign-in wait; the harness, not the person, failed them.
  await db.deleteFrom('login_failure').where('key', 'like', `%email:${person.email}%`).execute();
  client.forgetSession();
  const res = await client.signIn(person.email, PASSWORD);
  if (res.statusCode !== 303)
    throw new Error(`${person.email} could not sign in: ${res.statusCode} ${res.body.slice(0, 200)}`);
  // The session's form token is on every newsroom page; the sign-in answer is a redirect without one.
  await client.get('/newsroom/account');
  return account.id;
};

export const loadPools = async (db: Db): Promise<LivePools> => {
  const articles = await db.selectFrom('article').select(['id', 'revision', 'created_by']).orderBy('id').execute();
  const byCreator = new Map<number, number[]>();
  for (const a of articles)
    if (a.created_by !== null) byCreator.set(a.created_by, [...(byCreator.get(a.created_by) ?? []), a.id]);
  return {
    articles: articles.map((a) => a.id),
    byCreator,
    revisions: new Map(articles.map((a) => [a.id, a.revision])),
    users: (await db.selectFrom('user_account').select('id').execute()).map((u) => u.id),
    sections: (await db.selectFrom('section').select('slug').execute()).map((s) => s.slug),
    authors: (await db.selectFrom('author').select('slug').execute()).map((a) => a.slug),
    media: (await db.selectFrom('media').select('id').execute()).map((m) => m.id),
  };
};

/**
 * The real app as `dateline serve` composes it (composeWorker), over a fresh SQLite data folder holding the demo
 * newspaper, with its clock held still (sessions never expire mid-run) and no timers. The owner is made through
 * the first-run form; an editor and a contributor are made as the integration tests make them.
 */
export const openFuzzWorld = async (): Promise<FuzzWorld> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-fuzz-'));
  const config = loadConfig({ DATELINE_DATA: dataDir, DATELINE_DEMO: '1', LOG_LEVEL: 'silent' });
  const storage = createStorage(config);
  await migrateToLatest(storage.db, storage.dialect, storage.schema);
  const now = new Date();
  await seedDemoContent(storage.db, now, demoSeedOptions);
  const { db } = storage;
  const worker = await composeWorker(config, { db, clock: () => now, logger: null, timers: false });
  await worker.start();
  const { app } = worker;

  // Signed out, before any account exists: the set-up form is what the newsroom shows.
  const visitor = new NewsroomClient(app);
  const firstRun = await crawl(app, [{ identity: 'visitor', client: visitor, start: ['/newsroom'] }]);
  const setup = await visitor.post('/newsroom/setup', { ...PEOPLE.owner, password: PASSWORD });
  if (setup.statusCode !== 303) throw new Error(`the owner could not be set up: ${setup.statusCode}`);
  visitor.forgetSession();
  await visitor.get('/newsroom/login');

  const identities: Identity[] = [
    ...SIGNED_IN.map(({ name, person }) => ({ name, person, client: new NewsroomClient(app) })),
    { name: 'visitor', person: null, client: visitor },
    { name: 'stranger', person: null, client: null },
  ];
  for (const id of identities) if (id.person && id.client) id.accountId = await signInFresh(db, id.client, id.person);

  const scraped = await crawl(app, [
    ...identities.flatMap((id) =>
      id.client ? [{ identity: id.name, client: id.client, start: ['/newsroom', '/newsroom/login', '/'] }] : [],
    ),
  ]);
  scraped.forms.push(...firstRun.forms);
  // Scripts post too: the editor's Image button uploads to /newsroom/media, a form no page shows.
  for (const { name } of SIGNED_IN) {
    const file = { name: 'file', kind: 'file', value: '', choices: [''] };
    const upload = { identity: name, page: '(image dialog)', action: '/newsroom/media', fields: [file] };
    scraped.forms.push({ ...upload, method: 'POST', enctype: 'multipart/form-data' });
  }

  const variant = await db
    .selectFrom('media_variant')
    .select('bytes')
    .where('name', 'like', '%.jpg')
    .executeTakeFirstOrThrow();
  const real = Buffer.from(variant.bytes);
  const good = await sharp({ create: { width: 24, height: 16, channels: 3, background: '#c33' } })
    .png()
    .toBuffer();
  const world: FuzzWorld = {
    app,
    db,
    worker,
    routes: await listAllRoutes(app),
    identities,
    scraped,
    pools: await loadPools(db),
    images: { good, real, truncated: real.subarray(0, Math.floor(real.length / 2)) },
    async refreshPools() {
      world.pools = await loadPools(db);
    },
    async staleIdentities() {
      const stale: Identity[] = [];
      for (const id of identities) {
        if (!id.person || !id.client) continue;
        const session = await findSession(db, sessionToken(id.client), now);
        if (!session || session.account.role !== id.person.role) stale.push(id);
      }
      return stale;
    },
    async signBackIn(stale) {
      for (const id of stale) if (id.person && id.client) id.accountId = await signInFresh(db, id.client, id.person);
    },
    async close() {
      await worker.close();
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return world;
};
