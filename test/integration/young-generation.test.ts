import { describe, expect, it } from 'vitest';
import { ownServerTests, probeLine, serveWithProbe } from '../support/server-process.js';

describe('a serving process under load', () => {
  const own = ownServerTests();

  /** 400 requests for pages the cache does not hold, so each one renders: search results for changing words, and the login form. */
  const load = async (base: string, from = 0) => {
    for (let i = from; i < from + 400; i += 10)
      await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          fetch(j % 2 ? `${base}/search?q=word${i + j}` : `${base}/newsroom/login`).then((r) => r.arrayBuffer()),
        ),
      );
  };
  const newSpaceMb = async (server: Parameters<typeof probeLine>[0]) =>
    (await probeLine<{ newSpaceMb: number }>(server, 'heap')).newSpaceMb;

  /** Starts the built server with the heap probe and `nodeOptions`, sends it 400 requests, and reads its young generation. */
  const youngGenerationAfterLoad = async (nodeOptions: string, env: Record<string, string> = {}): Promise<number> => {
    const { server, base } = await serveWithProbe(own, { probe: './heap-probe.cjs', nodeOptions, env });
    await load(base);
    const newSpace = await newSpaceMb(server);
    await server.stop();
    own.server = undefined;
    return newSpace;
  };

  // bin/dateline.js holds V8's young generation at its first size (docs/architecture/0030-cold-start-and-memory.md).
  // V8 grows the space by doubling it (1, 2, 4 … MB), and the hold is set when a collection is reported, between two
  // tasks: a task that collects twice may grow it one step past the size asked for.
  it('keeps its young generation at DATELINE_YOUNG_GENERATION_MB, or one doubling past it', async () => {
    expect(await youngGenerationAfterLoad('', { DATELINE_YOUNG_GENERATION_MB: '2' })).toBeLessThanOrEqual(4);
  }, 90_000);

  // V8 shrinks the space when the process has had nothing to do for a few seconds; a hold set once kept it shrunk for
  // good, and the server collected four times as often under the next load.
  it('grows its young generation back to DATELINE_YOUNG_GENERATION_MB under load after V8 shrank it when idle', async () => {
    const { server, base } = await serveWithProbe(own, {
      probe: './heap-probe.cjs',
      env: { DATELINE_YOUNG_GENERATION_MB: '4' },
    });
    await load(base);
    expect(await newSpaceMb(server)).toBeGreaterThanOrEqual(4);
    let idle = await newSpaceMb(server);
    for (let waited = 0; idle >= 4 && waited < 30_000; waited += 1000) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      idle = await newSpaceMb(server);
    }
    // Not a check of our code: what the next one needs to mean anything.
    expect(idle, 'V8 did not shrink the idle server young generation within 30 s').toBeLessThan(4);
    await load(base, 400);
    expect(await newSpaceMb(server)).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('lets an operator who sizes the young generation in NODE_OPTIONS have it grow, under the same load', async () => {
    // Also what shows the load above is enough to grow it when allowed.
    expect(
      await youngGenerationAfterLoad('--max-semi-space-size=8', { DATELINE_YOUNG_GENERATION_MB: '2' }),
    ).toBeGreaterThan(4);
  }, 90_000);
});
