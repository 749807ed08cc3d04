import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ownServerTests, probeLine, serveWithProbe } from '../support/server-process.js';

/**
 * V8's code-cache tag of a node started with `flags`: V8 folds the flags that shape compiled code into it, the old
 * generation's growing factor among them, so two processes with the same tag run with the same such flags.
 */
const tagOf = (flags: string[]): number =>
  Number(
    execFileSync(process.execPath, [...flags, '-p', "require('node:v8').cachedDataVersionTag()"], { encoding: 'utf8' }),
  );

describe("a serving process's old generation", () => {
  const own = ownServerTests();

  const servingTag = async (nodeArgs: string[] = []): Promise<number> => {
    const { server } = await serveWithProbe(own, { probe: './heap-probe.cjs', nodeArgs });
    const { flagsTag } = await probeLine<{ flagsTag: number }>(server, 'heap');
    await server.stop();
    own.server = undefined;
    return flagsTag;
  };

  // bin/dateline.js sets --heap-growing-percent=50 (docs/architecture/0030-cold-start-and-memory.md).
  it('grows by half again after each full collection, as with --heap-growing-percent=50', async () => {
    const tag = await servingTag();
    expect(tag).toBe(tagOf(['--heap-growing-percent=50']));
    // Not a check of our code: what the one above needs to mean anything.
    expect(tagOf([])).not.toBe(tag);
  }, 60_000);

  it("keeps an operator's own factor given on node's command line", async () => {
    expect(await servingTag(['--heap-growing-percent=100'])).toBe(tagOf(['--heap-growing-percent=100']));
  }, 60_000);
});
