/** The database that TEST_DATABASE_URL names; the superuser connects to it to make each worker's own. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Names the test run to its workers (test/support/global-setup.ts sets it before any worker starts). */
export const POSTGRES_RUN_ENV = 'DATELINE_TEST_POSTGRES_RUN';

/** Every database of a run starts with this; the worker's slot (VITEST_POOL_ID) ends it. */
export const postgresRunPrefix = (run: string): string => `dateline_${run}_w`;
