import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type SQLite from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createViewCounting, type ViewCounting } from '../../src/ranking/create-view-counting.js';
import { createLocalGate } from '../../src/ranking/cluster-gate.js';
import { createSqliteViewStore } from '../../src/ranking/sqlite-view-store.js';
import type { ViewStore } from '../../src/ranking/view-store.js';
import { FLUSH_CHUNK, createViewTracker, MAX_QUEUED } from '../../src/ranking/view-tracker.js';
import { dayOf, viewCandidateOf } from '../../src/ranking/visitor-key.js';
import { loadSiteContext } from '../../src/services/site-context.js';
import { openViewsDatabase } from '../../src/storage/views-database.js';
import { FIXTURE_NOW } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

const NOW = FIXTURE_NOW.getTime() / 1000;
/** Readers, each of a different article: one flush's log row is then far larger than a page. */
const READERS = 400;

/** A full disk, simulated: the views file may not grow past the pages it has. */
const fill = (db: SQLite.Database) =>
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
const makeRoom = (db: SQLite.Database) => db.pragma('max_page_count = 1073741823');

const loggedViews = async (store: ViewStore) => (await store.readNew(NOW)).reduce((n, c) => n + c.count, 0);

describe('views counted while views.db is full', () => {
  let content: TestStorage;
  let dir: string;
  let db: SQLite.Database;
  let store: ViewStore;
  let views: ViewCounting;
  let errors: unknown[];
  let gate: ReturnType<typeof createLocalGate>;

  beforeAll(async () => {
    content = await BACKENDS.find((b) => b.name === 'sqlite')!.open();
  });
  afterAll(async () => {
    await content.destroy();
  });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dateline-views-full-'));
    db = openViewsDatabase(dir);
    // Dedupe lives in the gate: each test's readers are new to it.
    gate = createLocalGate();
    store = createSqliteViewStore(db, gate);
    errors = [];
    views = await createViewCounting({
      db: content.db,
      store,
      sections: (await loadSiteContext(content.db)).sections,
      clock: () => NOW * 1000,
      onError: (e) => errors.push(e),
      flushMs: null,
    });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Reader `i` of article 1: a visitor and address of its own, so every such candidate counts. */
  const candidate = (i: number) => ({
    articleId: 1,
    second: NOW,
    visitorKey: i + 1,
    pairKey: i + 1,
    addressKey: i + 1,
    addressArticleKey: i + 1,
  });

  const readEach = async () => {
    const salt = await views.tracker.saltFor(dayOf(NOW));
    for (let i = 0; i < READERS; i++) {
      const ip = `10.1.${i >> 8}.${i & 255}`;
      views.tracker.record(viewCandidateOf(salt, ip, 'Firefox', 1000 + i, NOW));
    }
  };

  it('logs them once there is room again, none lost and none twice', async () => {
    await readEach();
    fill(db);
    await views.tracker.flush();
    await views.tracker.flush();
    makeRoom(db);
    await views.tracker.flush();
    const other = createSqliteViewStore(openViewsDatabase(dir), gate);
    expect(await loggedViews(other)).toBe(READERS);
    await other.close();
  });

  it('reports the full disk once, not at every retry', async () => {
    await readEach();
    fill(db);
    for (let i = 0; i < 5; i++) await views.tracker.flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'SQLITE_FULL' });
    makeRoom(db);
    await views.tracker.flush();
    expect(errors).toHaveLength(1);
  });

  it('still treats the readers as seen: the same views sent again do not count twice', async () => {
    await readEach();
    fill(db);
    await views.tracker.flush();
    makeRoom(db);
    await readEach();
    await views.tracker.flush();
    const other = createSqliteViewStore(openViewsDatabase(dir), gate);
    expect(await loggedViews(other)).toBe(READERS);
    await other.close();
  });
  it('counts the beacons that overflow the queue while a slow store refuses a batch, for its one log line', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const refusing: ViewStore = {
      ...store,
      admit: async () => {
        await held;
        throw new Error('the store is away');
      },
    };
    const tracker = createViewTracker({
      store: refusing,
      directory: views.directory,
      clock: () => NOW * 1000,
      onError: (e) => errors.push(e),
      flushMs: null,
    });
    for (let i = 0; i < 10; i++) tracker.record(candidate(i));
    const flushing = tracker.flush();
    // While the store holds the first batch, beacons fill the queue to its bound; the refused batch comes back
    // to the front, and the 10 it pushes past the bound are dropped and said to be.
    for (let i = 0; i < MAX_QUEUED; i++) tracker.record(candidate(100 + i));
    release();
    await flushing;
    expect(tracker.pending).toBe(MAX_QUEUED);
    expect(errors.map(String).join('\n')).toMatch(/\b10 views dropped/);
  });

  describe('a flush larger than one chunk', () => {
    const TOTAL = 2 * FLUSH_CHUNK + 5;
    /** What the log holds, read by a store of its own (the tracker's store has read it already). */
    const logged = async () => {
      const other = createSqliteViewStore(openViewsDatabase(dir), gate);
      const n = await loggedViews(other);
      await other.close();
      return n;
    };
    const trackerOver = (admit: ViewStore['admit']) =>
      createViewTracker({
        store: { ...store, admit },
        directory: views.directory,
        clock: () => NOW * 1000,
        onError: (e) => errors.push(e),
        flushMs: null,
      });

    it('admits it a chunk at a time, letting what waits run between chunks, and logs every view once', async () => {
      const chunks: { size: number; turnPassed: boolean }[] = [];
      let turnPassed = false;
      const tracker = trackerOver(async (candidates, now) => {
        chunks.push({ size: candidates.length, turnPassed });
        return store.admit(candidates, now);
      });
      for (let i = 0; i < TOTAL; i++) tracker.record(candidate(i));
      const flushing = tracker.flush();
      // A request that came during the flush: answered before the flush ends, not after.
      setImmediate(() => (turnPassed = true));
      await flushing;
      expect(chunks).toEqual([
        { size: FLUSH_CHUNK, turnPassed: false },
        { size: FLUSH_CHUNK, turnPassed: true },
        { size: 5, turnPassed: true },
      ]);
      expect(await logged()).toBe(TOTAL);
      expect(errors).toEqual([]);
    });

    it('logs the chunks admitted before the store failed and admits the rest again: none lost, none twice', async () => {
      let calls = 0;
      const tracker = trackerOver(async (candidates, now) => {
        calls++;
        if (calls === 2) throw new Error('the store is away');
        return store.admit(candidates, now);
      });
      for (let i = 0; i < TOTAL; i++) tracker.record(candidate(i));
      await tracker.flush();
      expect(errors.map(String)).toEqual([expect.stringMatching(/the store is away/)]);
      // The first chunk's readers are marked seen: only the rest waits to be admitted again.
      expect(tracker.pending).toBe(TOTAL - FLUSH_CHUNK);
      await tracker.flush();
      expect(tracker.pending).toBe(0);
      expect(await logged()).toBe(TOTAL);
    });
  });
});
