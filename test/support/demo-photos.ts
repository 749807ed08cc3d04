/**
 * Where the suite keeps the demo's prepared illustrations between seeds (vitest.config.ts sets
 * DATELINE_DEMO_PHOTO_CACHE for every test file and the servers they start): pass it to seedDemoContent.
 */
export const DEMO_PHOTO_CACHE = process.env.DATELINE_DEMO_PHOTO_CACHE ?? null;
export const demoSeedOptions = { photoCache: DEMO_PHOTO_CACHE };
