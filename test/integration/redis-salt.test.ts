import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisViewStore } from '../../src/ranking/redis-view-store.js';
import { REDIS_URL, VIEW_BACKENDS } from '../support/view-backends.js';

const redisBackend = VIEW_BACKENDS.find((b) => b.name === 'redis')!;
const DAY = 19_700;
const NOW = DAY * 86_400 + 3600;

/**
 * Every node must key a reader with the same day's salt, or one reader counts once per node. A Redis restarted
 * without its data has lost that salt while the nodes still hold it in memory; a node started afterwards used to
 * make a new one and keep it for the rest of the day (found by test/integration/scale-out.test.ts).
 */
describe.skipIf(redisBackend.skipReason !== null)('the day’s salt after Redis lost it', () => {
  const client = createClient({ url: REDIS_URL });
  const prefix = `dateline-test:salt:${process.pid}:${Date.now().toString(36)}:`;
  const node = () => createRedisViewStore(client, prefix);
  const forget = () => client.del(`${prefix}salt:${DAY}`);
  beforeAll(async () => {
    await client.connect();
  });
  afterAll(async () => {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*` })) if (keys.length) await client.del(keys);
    await client.quit();
  });

  it('is put back by the upkeep of a node that holds it, and a node started later gets it', async () => {
    const running = node();
    const salt = await running.saltFor(DAY);
    await forget();
    await running.maintain(NOW);
    expect(await node().saltFor(DAY)).toEqual(salt);
  });

  it('is given up by a node holding another one for the one stored, at its next upkeep', async () => {
    const running = node();
    const old = await running.saltFor(DAY);
    await forget();
    const started = await node().saltFor(DAY);
    expect(started).not.toEqual(old);
    await running.maintain(NOW);
    expect(await running.saltFor(DAY)).toEqual(started);
  });
});
