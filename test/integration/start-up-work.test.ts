import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ownServerTests, probeLine, serveWithProbe, type OwnProcess } from '../support/server-process.js';

interface StartWork {
  undici: boolean;
  nql: boolean;
  formData: string;
}

/** What the probe in the server reports when sent SIGUSR2. */
const startWork = (server: OwnProcess): Promise<StartWork> => probeLine<StartWork>(server, 'start-work');

// What a cold start no longer does (docs/architecture/0030-cold-start-and-memory.md).
describe.skipIf(!existsSync('/proc/self/maps'))('a serving process at start', () => {
  const own = ownServerTests();

  it("answers readers and the newsroom without loading undici or Ghost's filter parser, and FormData still loads undici when used", async () => {
    const { server, base } = await serveWithProbe(own, { probe: './start-work-probe.cjs' });
    // The newsroom's and the Admin API's multipart parsers are registered by now.
    expect((await fetch(`${base}/newsroom/login`)).status).toBe(200);
    expect(await startWork(server)).toEqual({ undici: false, nql: false, formData: '[object FormData]' });
    expect((await startWork(server)).undici).toBe(true);
  }, 60_000);
});
