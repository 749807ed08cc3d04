import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    expect(loadConfig({})).toMatchObject({ host: '127.0.0.1', port: 3000, databaseUrl: null, workers: 1, demoContent: true });
  });

  it('reads PORT, HOST, DATELINE_DATA and DATABASE_URL', () => {
    const c = loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATELINE_DATA: '/tmp/x', DATABASE_URL: 'postgres://u@h/db' });
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', dataDir: '/tmp/x', databaseUrl: 'postgres://u@h/db' });
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
