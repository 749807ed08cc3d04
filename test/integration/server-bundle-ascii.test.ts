import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/server-process.js';

const BUNDLE = new URL('../../dist/bundle/dateline.cjs', import.meta.url).pathname;

// bin/dateline.js reads the bundle as Latin-1 (a one-byte string): that is the same text only while the build leaves
// no character outside ASCII in it (scripts/build-server-bundle.mjs escapes them; 0030-cold-start-and-memory.md).
describe('the server bundle', () => {
  beforeAll(ensureBuilt, 180_000);

  it('is ASCII, with the patterns that held other characters escaped', () => {
    const bytes = readFileSync(BUNDLE);
    expect(bytes.findIndex((b) => b > 0x7f)).toBe(-1);
    // The Japanese importer's "…の注目記事" line, a pattern esbuild leaves unescaped.
    expect(bytes.toString('latin1')).toContain('\\u306e\\u6ce8\\u76ee\\u8a18\\u4e8b');
  });
});
