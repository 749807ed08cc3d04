import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    expect(loadConfig({})).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: null,
      workers: 1,
      demoContent: true,
    });
  });

  it('reads PORT, HOST, DATELINE_DATA and DATABASE_URL', () => {
    const c = loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATELINE_DATA: '/tmp/x', DATABASE_URL: 'postgres://u@h/db' });
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', dataDir: '/tmp/x', databaseUrl: 'postgres://u@h/db' });
  });

  it('loads the demo by default only on the embedded SQLite site; with DATABASE_URL when DATELINE_DEMO asks', () => {
    const pg = { DATABASE_URL: 'postgres://u@h/db' };
    expect(loadConfig(pg).demoContent).toBe(false);
    expect(loadConfig({ ...pg, DATELINE_DEMO: '1' }).demoContent).toBe(true);
    expect(loadConfig({ DATELINE_DEMO: '0' }).demoContent).toBe(false);
  });

  it('sizes the PostgreSQL pool, the statement timeout and the Redis connect timeout, refusing nonsense by name', () => {
    expect(loadConfig({})).toMatchObject({
      databasePoolMax: 10,
      databaseStatementTimeoutMs: 30_000,
      redisConnectTimeoutMs: 5000,
    });
    expect(
      loadConfig({ DATABASE_POOL_MAX: '4', DATABASE_STATEMENT_TIMEOUT_MS: '0', REDIS_CONNECT_TIMEOUT_MS: '500' }),
    ).toMatchObject({ databasePoolMax: 4, databaseStatementTimeoutMs: 0, redisConnectTimeoutMs: 500 });
    for (const [name, value] of [
      ['DATABASE_POOL_MAX', '0'] as const,
      ['DATABASE_POOL_MAX', 'many'],
      ['DATABASE_STATEMENT_TIMEOUT_MS', '-1'],
      ['REDIS_CONNECT_TIMEOUT_MS', '10'],
    ])
      expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it('prepares PostgreSQL statements unless DATABASE_PREPARED_STATEMENTS is 0, refusing anything else by name', () => {
    expect(loadConfig({}).databasePreparedStatements).toBe(true);
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: '0' }).databasePreparedStatements).toBe(false);
    expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: 'no' })).toThrow(/DATABASE_PREPARED_STATEMENTS/);
  });

  it('gives the background jobs their usual intervals by default', () => {
    expect(loadConfig({})).toMatchObject({
      schedulerMs: 15_000,
      contentPollMs: 500,
      viewFlushMs: 1000,
      statisticsMs: 3_600_000,
      autosaveMs: 15_000,
    });
  });

  it('reads every interval from its DATELINE_…_MS variable', () => {
    const c = loadConfig({
      DATELINE_SCHEDULER_MS: '200',
      DATELINE_CONTENT_POLL_MS: '50',
      DATELINE_VIEW_FLUSH_MS: '100',
      DATELINE_STATISTICS_MS: '60000',
      DATELINE_AUTOSAVE_MS: '1000',
    });
    expect(c).toMatchObject({
      schedulerMs: 200,
      contentPollMs: 50,
      viewFlushMs: 100,
      statisticsMs: 60_000,
      autosaveMs: 1000,
    });
  });

  it.each([
    ['DATELINE_SCHEDULER_MS', 'soon', 'must be a number of milliseconds'],
    ['DATELINE_CONTENT_POLL_MS', '2.5', 'must be a whole number of milliseconds'],
    ['DATELINE_VIEW_FLUSH_MS', '0', 'must be at least 10'],
    ['DATELINE_STATISTICS_MS', '999', 'must be at least 1000'],
    ['DATELINE_AUTOSAVE_MS', '86400000', 'must be at most 3600000'],
  ])('refuses %s=%s saying what is wrong', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(`${name}: ${message}`);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: null });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DATELINE_WORKERS: '0' }, 'DATELINE_WORKERS'],
  ])('refuses %j naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});

describe('the page cache size', () => {
  it('is 8 MB per process unless DATELINE_PAGE_CACHE_MB says otherwise', () => {
    expect(loadConfig({}).pageCacheMb).toBe(8);
    expect(loadConfig({ DATELINE_PAGE_CACHE_MB: '128' }).pageCacheMb).toBe(128);
  });

  it.each(['0', '1.5', 'lots', '5000'])('refuses DATELINE_PAGE_CACHE_MB=%s, naming it', (value) => {
    expect(() => loadConfig({ DATELINE_PAGE_CACHE_MB: value })).toThrow(/DATELINE_PAGE_CACHE_MB/);
  });
});

describe("V8's young generation", () => {
  it('is held at 4 MB unless DATELINE_YOUNG_GENERATION_MB says otherwise', () => {
    expect(loadConfig({}).youngGenerationMb).toBe(4);
    expect(loadConfig({ DATELINE_YOUNG_GENERATION_MB: '32' }).youngGenerationMb).toBe(32);
  });

  it.each(['1', '2.5', 'big', '65'])('refuses DATELINE_YOUNG_GENERATION_MB=%s, naming it', (value) => {
    expect(() => loadConfig({ DATELINE_YOUNG_GENERATION_MB: value })).toThrow(/DATELINE_YOUNG_GENERATION_MB/);
  });
});

describe("the event loop's turn budget", () => {
  it('is 1.5 ms on SQLite and none on PostgreSQL unless DATELINE_TURN_BUDGET_MS says otherwise; 0 turns it off', () => {
    expect(loadConfig({}).turnBudgetMs).toBe(1.5);
    expect(loadConfig({ DATABASE_URL: 'postgres://db.example/news' }).turnBudgetMs).toBe(0);
    expect(
      loadConfig({ DATABASE_URL: 'postgres://db.example/news', DATELINE_TURN_BUDGET_MS: '1.5' }).turnBudgetMs,
    ).toBe(1.5);
    expect(loadConfig({ DATELINE_TURN_BUDGET_MS: '0' }).turnBudgetMs).toBe(0);
    expect(loadConfig({ DATELINE_TURN_BUDGET_MS: '2.5' }).turnBudgetMs).toBe(2.5);
  });

  it.each(['-1', 'soon', '101'])('refuses DATELINE_TURN_BUDGET_MS=%s, naming it', (value) => {
    expect(() => loadConfig({ DATELINE_TURN_BUDGET_MS: value })).toThrow(/DATELINE_TURN_BUDGET_MS/);
  });
});

describe('DATELINE_BASE_URL', () => {
  it('is unset by default, leaving the address to the stored setting or the server’s own', () => {
    expect(loadConfig({}).baseUrl).toBeNull();
  });

  it('is read as an origin, without the trailing slash', () => {
    expect(loadConfig({ DATELINE_BASE_URL: 'https://News.Example.com/' }).baseUrl).toBe('https://news.example.com');
  });

  it('refuses a path with one line naming the variable and saying what to write', () => {
    let message = '';
    try {
      loadConfig({ DATELINE_BASE_URL: 'https://news.example.com/edition' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toBe(
      'Invalid environment:\n' +
        '  DATELINE_BASE_URL: must be the origin alone, without a path, query or fragment, e.g. https://news.example.com',
    );
  });
});
