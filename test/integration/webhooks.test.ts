import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { createApiKeyService } from '../../src/services/api-keys.js';
import { createWebhookDelivery, DELIVERY_DEFAULTS } from '../../src/services/webhook-delivery.js';
import { addWebhook, deleteWebhook, enqueueWebhookEvent, type Webhook } from '../../src/services/webhooks.js';
import { createStorage } from '../../src/storage/database.js';
import { loadNewsroomFixture } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

/**
 * Webhooks (issue 16) against a real receiver on 127.0.0.1 (so DATELINE_WEBHOOKS_ALLOW_PRIVATE=1 here): signed as
 * Ghost signs, retried after a failure, kept across a restart, and sent once by two processes on one database.
 */

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

const SECRET = 'a-secret-shared-with-the-receiver';

/** The receiver's own check of Ghost's signature, written apart from the sender's code. */
const signatureHolds = (header: string | string[] | undefined, body: string, secret: string): boolean => {
  if (typeof header !== 'string') return false;
  const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=') as [string, string]));
  if (!parts.sha256 || !/^\d+$/.test(parts.t ?? '')) return false;
  const expected = createHmac('sha256', secret)
    .update(body + parts.t)
    .digest();
  const given = Buffer.from(parts.sha256, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
};

const article = {
  headline: 'Night Ferry Timetable Extended',
  standfirst: 'Sailings run until midnight from May.',
  body: 'The last ferry now leaves at midnight.\n\nWeekend sailings follow in June.',
  section: 'politics',
  authors: 'mei-aoki',
  tags: 'transport',
  slug: '',
  seoDescription: '',
};

const waitFor = async (what: () => boolean | Promise<boolean>, ms: number): Promise<void> => {
  const until = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > until) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`webhooks on ${backend.name}`, () => {
    let storage: TestStorage;
    let receiver: Server;
    let target: string;
    const received: Received[] = [];
    /** Statuses the receiver answers with, in turn; 200 once they run out. */
    const answers: number[] = [];
    const dirs: string[] = [];
    let keyId: string;

    const startWorker = async (timers: boolean): Promise<Worker> => {
      const dataDir = mkdtempSync(join(tmpdir(), 'dateline-webhooks-'));
      dirs.push(dataDir);
      const config = loadConfig({
        DATELINE_DATA: dataDir,
        DATELINE_DEMO: '0',
        LOG_LEVEL: 'silent',
        DATELINE_WEBHOOKS_ALLOW_PRIVATE: '1',
      });
      const worker = await composeWorker(config, { db: storage.db, logger: null, timers });
      await worker.start();
      return worker;
    };
    const hook = (event: string, secret: string | null = SECRET): Promise<Webhook> =>
      addWebhook(
        { db: storage.db, clock: () => new Date() },
        { api_key_id: keyId, event, target_url: target, name: 'Receiver', secret },
      );
    const publish = async (worker: Worker, headline: string) => {
      const eden = new NewsroomClient(worker.app);
      await eden.signIn(PEOPLE.eden.email, PASSWORD);
      return eden.createArticle({ ...article, headline, action: 'publish' });
    };
    const deliveries = () => storage.db.selectFrom('webhook_delivery').selectAll().orderBy('id').execute();

    beforeAll(async () => {
      storage = await backend.open();
      await loadNewsroomFixture(storage.db);
      await ensurePerson(storage.db, PEOPLE.eden);
      const keys = createApiKeyService({
        db: storage.db,
        clock: () => new Date(),
        secretKey: () => Promise.reject(new Error('content keys need no secret key')),
      });
      keyId = (await keys.createApiKey({ name: 'Receiver', type: 'content' })).id;
      receiver = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
          res.statusCode = answers.shift() ?? 200;
          res.end();
        });
      });
      await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
      target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/dateline?site=news`;
    });
    beforeEach(async () => {
      received.length = 0;
      answers.length = 0;
      await storage.db.deleteFrom('webhook').execute();
    });
    afterAll(async () => {
      await new Promise<void>((done) => (receiver ? receiver.close(() => done()) : done()));
      await storage?.destroy();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    it('sends a newsroom publish to the receiver within 2 s, signed as Ghost signs, with the post in the Content API shape', async () => {
      await hook('post.published');
      await hook('post.unpublished');
      const worker = await startWorker(true);
      try {
        const published = Date.now();
        const { id } = await publish(worker, 'Night Ferry Timetable Extended');
        await waitFor(() => received.length > 0, 3000);
        expect(received[0]!.at - published).toBeLessThan(2000);
        const [got] = received;
        expect(got!.headers['content-type']).toBe('application/json');
        expect(got!.headers['x-ghost-signature']).toMatch(/^sha256=[0-9a-f]{64}, t=\d{13}$/);
        expect(signatureHolds(got!.headers['x-ghost-signature'], got!.body, SECRET)).toBe(true);
        expect(signatureHolds(got!.headers['x-ghost-signature'], got!.body, 'another secret')).toBe(false);
        expect(signatureHolds(got!.headers['x-ghost-signature'], `${got!.body} `, SECRET)).toBe(false);
        const body = JSON.parse(got!.body) as { post: { current: Record<string, unknown>; previous: unknown } };
        expect(body.post.previous).toEqual({ status: 'draft' });
        expect(body.post.current).toMatchObject({
          id: String(id),
          title: 'Night Ferry Timetable Extended',
          status: 'published',
          custom_excerpt: 'Sailings run until midnight from May.',
          primary_tag: { slug: 'politics' },
          primary_author: { slug: 'mei-aoki' },
          tags: [{ slug: 'politics' }, { slug: 'transport' }],
        });
        expect(body.post.current.url).toMatch(new RegExp(`/politics/\\d{8}-${id}/$`));
        // The attempt is recorded once the receiver's answer is in, a moment after the receiver saw the request.
        await waitFor(async () => (await deliveries())[0]?.attempts === 1, 3000);
        const [row] = await deliveries();
        expect(row).toMatchObject({ event: 'post.published', attempts: 1, last_status: 200, next_attempt_at: null });
        expect(row!.sent_at).not.toBeNull();
        // Only the event listened for was queued: the unpublish webhook got nothing from a publish.
        expect(await deliveries()).toHaveLength(1);
      } finally {
        await worker.close();
      }
    });

    it('tries again after a 500, with the same body and a fresh signature, until the receiver takes it', async () => {
      await hook('site.changed');
      answers.push(500);
      const queued = await enqueueWebhookEvent(storage.db, 'site.changed', {}, new Date());
      expect(queued).toBe(1);
      const delivery = createWebhookDelivery({
        db: storage.db,
        clock: () => new Date(),
        ...DELIVERY_DEFAULTS,
        pollMs: 20,
        retryBaseMs: 100,
        allowPrivate: true,
      });
      delivery.start();
      try {
        await waitFor(async () => (await deliveries())[0]?.sent_at != null, 3000);
      } finally {
        await delivery.stop();
      }
      expect(received).toHaveLength(2);
      expect(received[1]!.at - received[0]!.at).toBeGreaterThanOrEqual(100);
      expect(received.map((r) => r.body)).toEqual(['{}', '{}']);
      expect(received.every((r) => signatureHolds(r.headers['x-ghost-signature'], r.body, SECRET))).toBe(true);
      expect(await deliveries()).toMatchObject([{ attempts: 2, last_status: 200, last_error: null }]);
    });

    it('records a failure and when it will try again, and sends no signature for a webhook without a secret', async () => {
      await hook('site.changed', null);
      answers.push(503);
      await enqueueWebhookEvent(storage.db, 'site.changed', {}, new Date());
      const delivery = createWebhookDelivery({
        db: storage.db,
        clock: () => new Date(),
        ...DELIVERY_DEFAULTS,
        allowPrivate: true,
      });
      const before = Date.now();
      await delivery.runOnce();
      const [row] = await deliveries();
      expect(row).toMatchObject({ attempts: 1, last_status: 503, last_error: 'answered 503', sent_at: null });
      expect(Number(row!.next_attempt_at)).toBeGreaterThanOrEqual(before + DELIVERY_DEFAULTS.retryBaseMs);
      expect(received[0]!.headers['x-ghost-signature']).toBeUndefined();
      // Not due yet: another look sends nothing.
      await delivery.runOnce();
      expect(received).toHaveLength(1);
    });

    it('keeps a delivery queued by a process that stopped, and the next process sends it', async () => {
      await hook('post.published');
      const first = await startWorker(false);
      await publish(first, 'Harbour Lights Switched On');
      await first.close();
      expect(received).toHaveLength(0);
      const second = await startWorker(false);
      try {
        await second.webhooks.runOnce();
      } finally {
        await second.close();
      }
      expect(received).toHaveLength(1);
      expect(JSON.parse(received[0]!.body)).toMatchObject({
        post: { current: { title: 'Harbour Lights Switched On' } },
      });
    });

    it('sends each delivery once when two processes on one database poll at the same time', async () => {
      const hooked = await hook('site.changed');
      for (let i = 0; i < 12; i++) await enqueueWebhookEvent(storage.db, 'site.changed', { n: i }, new Date());
      const other = createStorage({
        dataDir: storage.dataDir,
        databaseUrl: storage.databaseUrl,
        ...(storage.postgresSchema ? { postgresSchema: storage.postgresSchema } : {}),
      });
      const make = (db: typeof storage.db) =>
        createWebhookDelivery({
          db,
          clock: () => new Date(),
          ...DELIVERY_DEFAULTS,
          maxInFlight: 4,
          allowPrivate: true,
        });
      const [a, b] = [make(storage.db), make(other.db)];
      try {
        for (let round = 0; round < 6; round++) await Promise.all([a.runOnce(), b.runOnce()]);
      } finally {
        await other.close();
      }
      expect(received.map((r) => (JSON.parse(r.body) as { n: number }).n).sort((x, y) => x - y)).toEqual(
        Array.from({ length: 12 }, (_, i) => i),
      );
      expect((await deliveries()).every((d) => d.attempts === 1 && d.sent_at !== null)).toBe(true);
      await deleteWebhook({ db: storage.db }, hooked.id);
      expect(await deliveries()).toEqual([]);
    });
  });
}
