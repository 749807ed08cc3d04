import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('the request-logging settings', () => {
  it('log slow requests over a second and no access log by default', () => {
    expect(loadConfig({})).toMatchObject({ slowRequestMs: 1000, accessLog: false });
  });

  it('read DATELINE_SLOW_REQUEST_MS (0 turns it off) and DATELINE_ACCESS_LOG', () => {
    expect(loadConfig({ DATELINE_SLOW_REQUEST_MS: '0', DATELINE_ACCESS_LOG: '1' })).toMatchObject({
      slowRequestMs: 0,
      accessLog: true,
    });
    expect(loadConfig({ DATELINE_ACCESS_LOG: 'false' }).accessLog).toBe(false);
  });

  it('refuse values that are not what they look like, naming the variable', () => {
    expect(() => loadConfig({ DATELINE_SLOW_REQUEST_MS: '-5' })).toThrow(
      /DATELINE_SLOW_REQUEST_MS: must be at least 0/,
    );
    expect(() => loadConfig({ DATELINE_SLOW_REQUEST_MS: '1s' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATELINE_ACCESS_LOG: 'yes' })).toThrow(/DATELINE_ACCESS_LOG/);
  });
});
