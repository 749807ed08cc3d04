import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ownServerTests, probeLine, serveWithProbe } from '../support/server-process.js';

/**
 * V8's code-cache tag of a node started with `flags`, after setting `runtimeFlags` as bin/dateline.js sets them (at run
 * time, which V8 folds into the tag differently from the same flag on the command line): V8 folds the flags that
 * shape compiled code into it, the old generation's growing factor among them, so two processes with the same tag run
 * with the same such flags.
 */
const tagOf = (flags: string[], runtimeFlags: string[] = []): number =>
  Number(
    execFileSync(
      process.execPath,
      [
        ...flags,
        '-p',
        `const v8 = require('node:v8'); for (const f of ${JSON.stringify(runtimeFlags)}) v8.setFlagsFromString(f); v8.cachedDataVersionTag()`,
      ],
      { encoding: 'utf8' },
    ),
  );

/**
 * The tags a serving process started with `flags` may show: bin/dateline.js holds its young generation at the size
 * asked for (`--semi-space-growth-factor=1`, set at run time) or lets it grow (2) as the space calls for, and the
 * factor is in the tag too.
 */
const servingTags = (flags: string[], runtimeFlags: string[] = []): number[] =>
  ['1', '2'].map((factor) => tagOf(flags, [`--semi-space-growth-factor=${factor}`, ...runtimeFlags]));

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
    expect(servingTags([], ['--heap-growing-percent=50'])).toContain(tag);
    // Not a check of our code: what the one above needs to mean anything.
    expect(servingTags([])).not.toContain(tag);
  }, 60_000);

  it("keeps an operator's own factor given on node's command line", async () => {
    const tag = await servingTag(['--heap-growing-percent=100']);
    expect(servingTags(['--heap-growing-percent=100'])).toContain(tag);
    expect(servingTags([], ['--heap-growing-percent=50'])).not.toContain(tag);
  }, 60_000);
});
