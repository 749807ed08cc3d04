import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paragraph } from '../../src/domain/body.js';
import { saveArticle } from '../../src/services/save-article.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { nodeReady, startNode, startVarnish, type DatelineNode } from '../support/dateline-node.js';
import { newsroomOverHttp } from '../support/http-newsroom.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';
import { startRedis, stopRedis } from '../support/redis-server.js';
import { ensureBuilt, firstPage, freePort } from '../support/server-process.js';
import { until } from '../support/wait.js';

const postgres = BACKENDS.find((b) => b.name === 'postgres')!;
const installed = (command: string, flag: string) => spawnSync(command, [flag]).status === 0;
const noRedis = installed('redis-server', '--version') ? null : 'the redis-server binary is not installed';
const noVarnish = installed('varnishd', '-V')
  ? null
  : 'varnishd is not installed (apt-get install varnish varnish-modules)';
for (const missing of [noRedis, noVarnish])
  if (missing && process.env.CI === 'true') throw new Error(`${missing}; CI=true requires it`);
const skipReason = postgres.skipReason ?? noRedis;
if (skipReason) console.warn(`skipping the scale-out suite: ${skipReason}`);
else if (noVarnish) console.warn(`skipping the scale-out suite's Varnish case: ${noVarnish}`);

/** One line per measurement, for the closing note. */
const timing = (what: string, ms: number) => console.log(`scale-out: ${what}: ${Math.round(ms)} ms`);
const since = (start: number) => performance.now() - start;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const read = async (base: string, path: string) => {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, body: await res.text(), headers: res.headers };
};

/** A reader's browser; readers differ by the Chrome version in it (they share the test's address). */
const reader = (version: number) =>
  `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version}.0 Safari/537.36`;

/** Requests in a loop against `bases` until finish(): how many answered 200, and every other answer or error. */
const traffic = (bases: string[], paths: string[], loops = 4) => {
  let running = true;
  let answered = 0;
  const failures: string[] = [];
  const loop = async (i: number) => {
    for (let k = i; running; k++) {
      const url = `${bases[k % bases.length]}${paths[k % paths.length]}`;
      try {
        const res = await fetch(url);
        await res.arrayBuffer();
        if (res.status === 200) answered++;
        else failures.push(`${res.status} ${url}`);
      } catch (error) {
        failures.push(`${url}: ${(error as Error).message}`);
      }
    }
  };
  const all = Array.from({ length: loops }, (_, i) => loop(i));
  return {
    finish: async () => {
      running = false;
      await Promise.all(all);
      return { answered, failures };
    },
  };
};

/**
 * Issue 18's proof of scale-out: two real `dateline serve` nodes on one PostgreSQL schema and a redis-server of the
 * test's own, started once, at the same moment, on an empty database; every case runs against that pair in order,
 * and only the kill -9 case restarts a node. Varnish (docs/deploy/varnish.vcl) is in front of both.
 */
describe.skipIf(skipReason !== null)('two nodes on one PostgreSQL and Redis', () => {
  let storage: TestStorage;
  let dir: string;
  let redisPort: number;
  let redis: ChildProcess;
  let varnish: ChildProcess | undefined;
  let varnishUrl: string;
  let a: DatelineNode;
  let b: DatelineNode;
  let startMs: number;
  const nodes = () => [a, b];

  beforeAll(async () => {
    ensureBuilt();
    storage = await postgres.open({ migrated: false });
    dir = mkdtempSync(join(tmpdir(), 'dateline-scale-out-'));
    const [pa, pb, pv] = [await freePort(), await freePort(), await freePort()];
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    varnishUrl = `http://127.0.0.1:${pv}`;
    if (!noVarnish) varnish = startVarnish(dir, pv, [pa, pb]);
    const env = (name: string) => {
      mkdirSync(join(dir, name));
      return {
        DATELINE_DATA: join(dir, name),
        DATABASE_URL: storage.databaseUrl!,
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        DATELINE_WORKERS: '1',
        // With DATABASE_URL the demo loads only when asked; ask, as first starts raced in the demo loader.
        DATELINE_DEMO: '1',
        DATELINE_CONTENT_POLL_MS: '250',
        DATELINE_SCHEDULER_MS: '250',
        DATELINE_VIEW_FLUSH_MS: '200',
        DATELINE_TRUST_PROXY: '1',
        LOG_LEVEL: 'info',
        ...(noVarnish ? {} : { DATELINE_PURGE: `varnish:${varnishUrl}` }),
      };
    };
    const [envA, envB] = [env('a'), env('b')];
    const started = performance.now();
    a = startNode('A', pa, envA);
    b = startNode('B', pb, envB);
    await Promise.all(nodes().map((n) => nodeReady(n, 90_000)));
    startMs = since(started);
  }, 240_000);

  afterAll(async () => {
    varnish?.kill('SIGKILL');
    await Promise.all(nodes().map((n) => n?.stop()));
    if (redis) await stopRedis(redis);
    await storage?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The articles the cases make: never among the demo's. */
  const ours = new Set<number>();
  /** Demo articles as a reader finds them on B's home page: their paths, ids and the view tokens their pages carry. */
  const demoArticles = async () => {
    const home = await read(b.base, '/');
    const links = [...home.body.matchAll(/href="(\/[a-z-]+\/(?:[a-z-]+\/)?\d{8}-(\d+)\/)"/g)];
    const paths = [...new Set(links.filter((m) => !ours.has(Number(m[2]))).map((m) => m[1]!))];
    return Promise.all(
      paths.slice(0, 3).map(async (path) => {
        const page = await read(a.base, path);
        return {
          path,
          id: Number(/data-article="(\d+)"/.exec(page.body)![1]),
          token: /data-token="([^"]+)"/.exec(page.body)![1]!,
        };
      }),
    );
  };
  const beacon = async (node: DatelineNode, article: { id: number; token: string }, version: number) =>
    (
      await fetch(`${node.base}/api/views`, {
        method: 'POST',
        headers: {
          'content-type': 'text/plain;charset=UTF-8',
          'user-agent': reader(version),
          'sec-fetch-site': 'same-origin',
        },
        body: JSON.stringify({ a: article.id, t: article.token }),
      })
    ).status;
  // Each question uses a limit not asked before, so that it is ranked now and not answered from the 2 s cache.
  let limit = 50;
  const viewsOn = async (node: DatelineNode, id: number) => {
    const res = await fetch(`${node.base}/api/ranking?window=24h&limit=${limit > 11 ? limit-- : (limit = 50)}`);
    const answer = (await res.json()) as { articles: { id: number; views: number }[] };
    return answer.articles.find((e) => e.id === id)?.views ?? 0;
  };
  const viewsOnBoth = async (id: number) => Promise.all(nodes().map((n) => viewsOn(n, id)));

  /** The schedule's going live of `id`: its revisions marked as the schedule's, and its log lines on every node. */
  const goLives = async (id: number) => ({
    revisions: (
      await storage.db
        .selectFrom('article_revision')
        .select('revision')
        .where('article_id', '=', id)
        .where('by_schedule', '=', 1)
        .execute()
    ).length,
    lines: nodes()
      .flatMap((n) => n.output().split('\n'))
      .filter((l) => l.includes('published by the schedule') && l.includes(`"articleId":${id},`)),
  });
  /** An article scheduled `ms` from now, as the newsroom saves one. */
  const schedule = async (headline: string, ms: number) => {
    const section = await storage.db
      .selectFrom('section')
      .select('id')
      .where('slug', '=', 'society')
      .executeTakeFirstOrThrow();
    const at = new Date(Date.now() + ms);
    const id = await saveArticle(storage.db, null, {
      slug: '',
      headline,
      standfirst: null,
      body: [paragraph('The council confirmed the time.')],
      sectionId: section.id,
      authorIds: [],
      tags: [],
      photo: null,
      status: 'scheduled',
      publishedAt: at,
      updatedAt: null,
    });
    ours.add(id);
    return { id, at: at.getTime() };
  };
  const listedOn = async (node: DatelineNode, id: number) =>
    (await read(node.base, '/society/')).body.includes(`-${id}/"`);

  it('starts both at once on the empty database: both ready, migrated and the demo loaded once', async () => {
    timing('both nodes ready after their simultaneous first start', startMs);
    const outputs = nodes().map((n) => n.output());
    expect(
      outputs.filter((o) => /Loaded \d+ demo articles/.test(o)),
      outputs.join('\n---\n'),
    ).toHaveLength(1);
    for (const output of outputs) expect(output).not.toMatch(/duplicate key|"level":50/);
    const slugs = await storage.db.selectFrom('section').select('slug').execute();
    expect(new Set(slugs.map((s) => s.slug)).size).toBe(slugs.length);
    for (const node of nodes()) {
      const ready = await read(node.base, '/readyz');
      expect(ready.status).toBe(200);
      expect(JSON.parse(ready.body)).toMatchObject({ checks: { database: 'ok', migrations: 'ok', redis: 'ok' } });
      expect((await read(node.base, '/')).status).toBe(200);
    }
  });

  // Signed in on A; use() points it at B with the same cookies and form token, as a balancer might.
  let newsroom: ReturnType<typeof newsroomOverHttp>;
  let story: { id: number; path: string };
  const STORY = {
    headline: 'Tide Gates Close Early on the East Quay',
    standfirst: 'The harbour board moved the closing forward by an hour.',
    body: 'The gates close at six from Monday.\n\nBoats inside may leave until half past five.',
    section: 'society',
    authors: '',
    tags: 'harbour',
    slug: '',
    seoDescription: '',
  };
  /** The editor's page of the story on the node the client points at: its revision and its public address. */
  const editor = async (id: number) => {
    const page = await newsroom.client.get(`/newsroom/articles/${id}`);
    expect(page.statusCode).toBe(200);
    return {
      revision: /name="revision" value="(\d+)"/.exec(page.body)![1]!,
      path: /<a href="([^"]+)">View on the site<\/a>/.exec(page.body)?.[1],
    };
  };

  it('shows on B what the newsroom on A publishes, edits and unpublishes, each within a second', async () => {
    await ensurePerson(storage.db, PEOPLE.eden);
    newsroom = newsroomOverHttp(a.base);
    expect((await newsroom.client.signIn(PEOPLE.eden.email, PASSWORD)).statusCode).toBe(303);

    const { id } = await newsroom.client.createArticle({ ...STORY, action: 'publish' });
    ours.add(id);
    const saved = performance.now();
    const { path, revision } = await editor(id);
    story = { id, path: path! };
    await until('the story on B', async () => (await read(b.base, story.path)).status === 200, 10_000);
    const published = since(saved);

    const headline = 'Tide Gates Close Early on the East Quay After Storm Warning';
    const edit = await newsroom.client.post(`/newsroom/articles/${id}`, {
      ...STORY,
      headline,
      revision,
      action: 'save',
    });
    expect(edit.statusCode).toBe(303);
    const edited = performance.now();
    await until('the edit on B', async () => (await read(b.base, story.path)).body.includes(headline), 10_000);
    const editMs = since(edited);

    const unpublish = await newsroom.client.post(`/newsroom/articles/${id}`, {
      ...STORY,
      headline,
      revision: (await editor(id)).revision,
      action: 'unpublish',
    });
    expect(unpublish.statusCode).toBe(303);
    const unpublished = performance.now();
    await until('the story gone from B', async () => (await read(b.base, story.path)).status === 404, 10_000);
    const goneMs = since(unpublished);

    timing('publish on A → the article served on B', published);
    timing('edit on A → the edit served on B', editMs);
    timing('unpublish on A → 404 on B', goneMs);
    for (const ms of [published, editMs, goneMs]) expect(ms).toBeLessThan(1000);
  }, 60_000);

  it('takes on B the session and the form token made on A', async () => {
    newsroom.use(b.base);
    const desk = await newsroom.client.get('/newsroom');
    expect(desk.statusCode).toBe(200);
    // The form token is still the one A's last page gave: B accepts it for the same session.
    newsroom.use(a.base);
    const { revision } = await editor(story.id);
    newsroom.use(b.base);
    const republish = await newsroom.client.post(`/newsroom/articles/${story.id}`, {
      ...STORY,
      revision,
      action: 'publish',
    });
    expect(republish.statusCode).toBe(303);
    await until('the story back on A', async () => (await read(a.base, story.path)).status === 200, 10_000);
    newsroom.use(a.base);
  });

  it('counts a reader once whichever node their beacons reach, and two readers twice', async () => {
    const [article] = await demoArticles();
    const sent = performance.now();
    expect(await beacon(a, article!, 131)).toBe(204);
    await until('the view counted on both', async () => (await viewsOnBoth(article!.id)).every((n) => n === 1));
    timing('a beacon to A → counted in the ranking on both nodes', since(sent));
    // The same reader again on B (deduplicated across nodes: one salt and one seen-set in Redis), then another.
    expect(await beacon(b, article!, 131)).toBe(204);
    expect(await beacon(b, article!, 132)).toBe(204);
    await until('the second reader counted on both', async () => (await viewsOnBoth(article!.id)).every((n) => n >= 2));
    // B flushes its queue in order: the repeat was decided no later than the second reader's view.
    expect(await viewsOnBoth(article!.id)).toEqual([2, 2]);
  });

  it.skipIf(noVarnish !== null)(
    'purges Varnish on an edit on A: shown within a second, other pages stay cached',
    async () => {
      await firstPage(`${varnishUrl}/`, 60_000);
      // The demo's loading queued a purge of the whole site, tried before Varnish was up: let it go out first.
      await until(
        'the purges queued at start delivered',
        async () =>
          (await storage.db.selectFrom('purge_request').select('id').where('next_attempt_at', 'is not', null).execute())
            .length === 0,
        30_000,
      );
      const through = async (path: string) => {
        const res = await read(varnishUrl, path);
        return { ...res, age: Number(res.headers.get('age') ?? '0') };
      };
      const [unrelated] = await demoArticles();
      for (const path of [story.path, unrelated!.path]) expect((await through(path)).status).toBe(200);
      // Cached: the same object a second later, older.
      await pause(1100);
      const before = await through(story.path);
      expect(before.age).toBeGreaterThanOrEqual(1);
      expect(before.headers.get('xkey')).toBeNull();
      const otherBefore = (await through(unrelated!.path)).age;
      expect(otherBefore).toBeGreaterThanOrEqual(1);

      const headline = 'Tide Gates Stay Open on the East Quay';
      const edit = await newsroom.client.post(`/newsroom/articles/${story.id}`, {
        ...STORY,
        headline,
        revision: (await editor(story.id)).revision,
        action: 'save',
      });
      expect(edit.statusCode).toBe(303);
      const saved = performance.now();
      await until('the edit through Varnish', async () => (await through(story.path)).body.includes(headline), 10_000);
      const ms = since(saved);
      timing('edit on A → the edit served through Varnish', ms);
      expect(ms).toBeLessThan(1000);
      // The unrelated page was not purged: the same cached object, older still.
      const other = await through(unrelated!.path);
      expect(other.age).toBeGreaterThanOrEqual(otherBefore);
      expect(other.body).not.toContain(headline);
    },
    90_000,
  );

  it('publishes a scheduled article once, by one node, with both up', async () => {
    const { id, at } = await schedule('Night Ferry Returns for the Summer', 1500);
    await until('the article live on both', async () => (await listedOn(a, id)) && (await listedOn(b, id)), 15_000);
    timing('scheduled time → listed on both nodes', Date.now() - at);
    // Three more scheduler rounds on each node: still one going live.
    await pause(750);
    const { revisions, lines } = await goLives(id);
    expect(revisions).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/"node":"[^"]+"/);
  });

  it('keeps serving both nodes while Redis is stopped and restarted, then counts views and signs in again', async () => {
    const [, article] = await demoArticles();
    const paths = ['/', article!.path, '/society/', story.path, '/api/ranking?window=24h'];
    const load = traffic([a.base, b.base], paths);
    const viewsBefore = await viewsOnBoth(article!.id);
    await stopRedis(redis);
    const stopped = performance.now();
    // Not ready while Redis is away (a balancer may send readers elsewhere); pages are served meanwhile.
    const readiness = async (node: DatelineNode) => (await read(node.base, '/readyz')).status;
    await until('both not ready', async () => (await Promise.all(nodes().map(readiness))).every((s) => s === 503));
    timing('Redis stopped → /readyz 503 on both nodes', since(stopped));
    // A beacon is answered at once and waits in the node's queue; the ranking keeps what it had.
    expect(await beacon(a, article!, 141)).toBe(204);
    expect(await viewsOnBoth(article!.id)).toEqual(viewsBefore);
    // Sessions live in PostgreSQL: the newsroom still works, on either node.
    newsroom.use(b.base);
    expect((await newsroom.client.get('/newsroom')).statusCode).toBe(200);
    newsroom.use(a.base);
    await pause(500);

    redis = await startRedis(redisPort);
    const restarted = performance.now();
    await until(
      'both ready again',
      async () => (await Promise.all(nodes().map(readiness))).every((s) => s === 200),
      30_000,
    );
    timing('Redis restarted → /readyz 200 on both nodes', since(restarted));
    const { answered, failures } = await load.finish();
    console.log(
      `scale-out: ${answered} requests to both nodes answered 200 across the Redis outage, ${failures.length} not`,
    );
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(20);
    // The view sent while Redis was away is counted now, and a new one too.
    expect(await beacon(b, article!, 142)).toBe(204);
    await until(
      'the views counted after the restart',
      async () => (await viewsOnBoth(article!.id)).every((n, i) => n === viewsBefore[i]! + 2),
      30_000,
    );
    timing('Redis restarted → the views sent during and after the outage counted on both nodes', since(restarted));
    const fresh = newsroomOverHttp(b.base);
    expect((await fresh.client.signIn(PEOPLE.eden.email, PASSWORD)).statusCode).toBe(303);
  }, 90_000);

  it('serves every request on B while A is killed (kill -9), and B alone publishes the scheduled article once', async () => {
    const [, , article] = await demoArticles();
    const { id, at } = await schedule('Lantern Festival Moves to the Old Harbour', 2000);
    const load = traffic([b.base], ['/', article!.path, '/society/', story.path, '/api/ranking?window=24h'], 2);
    await pause(300);
    const logged = b.output().length;
    await a.kill();
    const killed = performance.now();
    expect(Date.now()).toBeLessThan(at);
    await until('the article live on B', async () => listedOn(b, id), 15_000);
    timing('scheduled time → listed on B with A killed', Date.now() - at);

    const { answered, failures } = await load.finish();
    console.log(
      `scale-out: B answered ${answered} requests in the ${Math.round(since(killed))} ms after A's kill -9, ${failures.length} not 200`,
    );
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(20);
    expect(b.output().slice(logged)).not.toMatch(/"level":50/);

    // A comes back: it serves what B published while it was gone, and does not publish it again.
    const restarted = performance.now();
    a.restart();
    await nodeReady(a, 60_000);
    timing('A restarted after kill -9 → ready', since(restarted));
    expect(await listedOn(a, id)).toBe(true);
    await pause(750);
    const { revisions, lines } = await goLives(id);
    expect(revisions).toBe(1);
    expect(lines).toHaveLength(1);

    // A started after Redis lost its data: it must key readers with the salt B holds, or one reader counts on each.
    // (A's ranking holds only what Redis kept, so each node is compared with itself.)
    const before = await viewsOnBoth(article!.id);
    expect(await beacon(b, article!, 151)).toBe(204);
    await until('the view counted on both', async () =>
      (await viewsOnBoth(article!.id)).every((n, i) => n === before[i]! + 1),
    );
    expect(await beacon(a, article!, 151)).toBe(204);
    expect(await beacon(a, article!, 152)).toBe(204);
    await until('the other reader counted on both', async () =>
      (await viewsOnBoth(article!.id)).every((n, i) => n >= before[i]! + 2),
    );
    expect(await viewsOnBoth(article!.id)).toEqual(before.map((n) => n + 2));
  }, 120_000);
});
