import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/services/accounts.js';
import { FIXTURE_NOW, loadNewsroomFixture } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { NewsroomClient } from '../support/newsroom-client.js';

const PASSWORD = 'correct horse battery';
const MB = 1024 * 1024;
/** A large photo, just over the 15 MB image limit: a kept copy would be unmistakable. */
const UPLOAD_BYTES = 16 * MB;

interface Answer {
  status: number;
  body: string;
}

/**
 * Streams a multipart upload of UPLOAD_BYTES from one reused 64 KB chunk, so the test's own memory stays flat and
 * any growth is the server's. Resolves with the answer once the whole body was sent (or the server hung up).
 */
const streamUpload = (url: string, path: string, headers: Record<string, string>): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const boundary = 'dateline-refusal-test';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="headline"\r\n\r\nKept headline\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const chunk = Buffer.alloc(64 * 1024, 0x5a);
    const req = request(
      `${url}${path}`,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + UPLOAD_BYTES + tail.length),
        },
      },
      (res) => {
        let body = '';
        res
          .setEncoding('utf8')
          .on('data', (d: string) => (body += d))
          .on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.write(head);
    let sent = 0;
    const pump = () => {
      while (sent < UPLOAD_BYTES) {
        sent += chunk.length;
        if (!req.write(sent <= UPLOAD_BYTES ? chunk : chunk.subarray(0, chunk.length - (sent - UPLOAD_BYTES)))) {
          req.once('drain', pump);
          return;
        }
      }
      req.end(tail);
    };
    pump();
  });

/**
 * How far the process's resident memory rose while `work` ran. The client streams from one reused chunk, so a
 * rise is the server keeping what it received.
 */
const peakMemoryGrowth = async (work: () => Promise<unknown>): Promise<number> => {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, process.memoryUsage.rss()) - before;
};

const sixAtOnce = (send: () => Promise<Answer>) => Promise.all(Array.from({ length: 6 }, send));

// One backend is enough: what is measured is the HTTP layer, which is the same over both.
const backend = BACKENDS[0]!;

describe('newsroom refusals happen before a body is read', () => {
  let storage: TestStorage;
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    storage = await backend.open();
    await loadNewsroomFixture(storage.db);
    await createAccount(storage.db, {
      email: 'eden@example.com',
      name: 'Eden Editor',
      role: 'editor',
      password: PASSWORD,
    });
    t = await buildTestApp(storage.db, FIXTURE_NOW);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t?.close();
    await storage?.destroy();
  });

  it('answers twelve signed-out 15 MB uploads with 401 without keeping them in memory', async () => {
    // One first, so the parser's and the sockets' first allocations are not counted as kept uploads.
    await streamUpload(url, '/newsroom/media', {});
    const answers: Answer[] = [];
    const growth = await peakMemoryGrowth(async () => {
      for (let round = 0; round < 2; round++)
        answers.push(...(await sixAtOnce(() => streamUpload(url, '/newsroom/media', {}))));
    });
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(401));
    // Kept, six at once would hold 96 MB (the signed-in case below); drained, only socket buffers come and go.
    expect(growth).toBeLessThan(48 * MB);
  });

  it('gives a signed-out editor save its typed text back without keeping its photo', async () => {
    const answer = await streamUpload(url, '/newsroom/articles', { accept: 'text/html' });
    expect(answer.status).toBe(401);
    expect(answer.body).toContain('name="resume_data"');
    expect(answer.body).toContain('Kept headline');
  });

  it('refuses a forged upload with 403 before reading it', async () => {
    const eden = new NewsroomClient(t.app);
    await eden.signIn('eden@example.com', PASSWORD);
    const growth = await peakMemoryGrowth(() =>
      streamUpload(url, '/newsroom/media', { cookie: eden.cookieHeader(), 'sec-fetch-site': 'cross-site' }).then(
        (a) => {
          expect(a.status).toBe(403);
        },
      ),
    );
    expect(growth).toBeLessThan(10 * MB);
  });

  it('does read a signed-in upload, which is what the memory checks above would catch', async () => {
    const eden = new NewsroomClient(t.app);
    await eden.signIn('eden@example.com', PASSWORD);
    await eden.get('/newsroom/media');
    let answers: Answer[] = [];
    const headers = { cookie: eden.cookieHeader(), 'x-csrf-token': eden.csrf, accept: 'application/json' };
    const growth = await peakMemoryGrowth(async () => {
      answers = await sixAtOnce(() => streamUpload(url, '/newsroom/media', headers));
    });
    // Over the limit: each is read up to 15 MB, then refused as too large.
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(413));
    expect(growth).toBeGreaterThan(60 * MB);
  });
});
