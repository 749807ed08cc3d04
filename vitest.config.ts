import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two files at a time on two cores: vitest's default (cores - 1) ran them one by one, about 26 minutes. Files
    // running together never share a PostgreSQL database (test/support/backends.ts) or Redis keys (a prefix each).
    maxWorkers: 2,
    // Names the run; each worker makes its PostgreSQL database under that name, dropped at the run's end.
    globalSetup: ['test/support/global-setup.ts'],
    // The demo's illustrations, prepared once and reused by every seed of the run and the next (src/demo/demo-photo-cache.ts).
    env: { DATELINE_DEMO_PHOTO_CACHE: resolve('node_modules/.cache/dateline-demo-photos') },
  },
});
