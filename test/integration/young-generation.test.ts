import { describe, expect, it } from 'vitest';
import { ownServerTests, probeLine, serveWithProbe } from '../support/server-process.js';

describe('a serving process under load', () => {
  const own = ownServerTests();

  /** Starts the built server with the heap probe and `nodeOptions`, sends it 400 requests, and reads its young generation. */
  const youngGenerationAfterLoad = async (nodeOptions: string, env: Record<string, string> = {}): Promise<number> => {
    const { server, base } = await serveWithProbe(own, { probe: './heap-probe.cjs', nodeOptions, env });
    // Pages the cache does not hold, so each one renders: search results for changing words, and the login form.
    for (let i = 0; i < 400; i += 10)
      await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          fetch(j % 2 ? `${base}/search?q=word${i + j}` : `${base}/newsroom/login`).then((r) => r.arrayBuffer()),
        ),
      );
    const { newSpaceMb } = await probeLine<{ newSpaceMb: number }>(server, 'heap');
    await server.stop();
    own.server = undefined;
    return newSpaceMb;
  };

  // bin/dateline.js holds V8's young generation at its first size (docs/architecture/0030-cold-start-and-memory.md).
  // V8 grows the space by doubling it (1, 2, 4 … MB), and the hold is set when a collection is reported, between two
  // tasks: a task that collects twice may grow it one step past the size asked for.
  it('keeps its young generation at DATELINE_YOUNG_GENERATION_MB, or one doubling past it', async () => {
    expect(await youngGenerationAfterLoad('', { DATELINE_YOUNG_GENERATION_MB: '2' })).toBeLessThanOrEqual(4);
  }, 90_000);

  it('lets an operator who sizes the young generation in NODE_OPTIONS have it grow, under the same load', async () => {
    // Also what shows the load above is enough to grow it when allowed.
    expect(
      await youngGenerationAfterLoad('--max-semi-space-size=8', { DATELINE_YOUNG_GENERATION_MB: '2' }),
    ).toBeGreaterThan(4);
  }, 90_000);
});
