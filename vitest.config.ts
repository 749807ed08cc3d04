import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two files at a time on two cores: vitest's default (cores - 1) ran them one by one, about 26 minutes. Files
    // running together never share a PostgreSQL database (test/support/backends.ts) or Redis keys (a prefix each).
    maxWorkers: 2,
    // The demo's illustrations, prepared once and reused by every seed of the run and the next (src/demo/demo-photo-cache.ts).
    env: { DATELINE_DEMO_PHOTO_CACHE: resolve('node_modules/.cache/dateline-demo-photos') },
    projects: [
      {
        extends: true,
        // The unit files share their worker's modules instead of loading them again for each file: src/ ran in 10 s
        // instead of 25. They start no server and use no database; the two that change a global or an environment
        // variable put it back.
        test: { name: 'unit', include: ['src/**/*.test.{ts,tsx}'], isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.{ts,tsx}'],
          // Names the run; each worker makes its PostgreSQL database under that name, dropped at the run's end. Set
          // here, not above, where each project would run it again under a name of its own.
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
