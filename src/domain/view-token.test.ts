import { describe, expect, it } from 'vitest';
import { checkViewToken, signViewToken, VIEW_TOKEN_LIFETIME_SECONDS } from './view-token.js';

const key = Buffer.alloc(32, 7);
const ISSUED = Date.UTC(2026, 0, 21, 4, 1, 0);
const MINUTE = 60_000;

describe('view tokens', () => {
  it('live thirty minutes', () => {
    expect(VIEW_TOKEN_LIFETIME_SECONDS).toBe(30 * 60);
  });

  it('are valid from their minute until thirty minutes after it, and expired a second later', () => {
    const token = signViewToken(key, 5, ISSUED + 30_000);
    expect(checkViewToken(key, 5, token, ISSUED)).toBe('valid');
    expect(checkViewToken(key, 5, token, ISSUED + 29 * MINUTE)).toBe('valid');
    expect(checkViewToken(key, 5, token, ISSUED + 30 * MINUTE)).toBe('valid');
    expect(checkViewToken(key, 5, token, ISSUED + 30 * MINUTE + 1000)).toBe('expired');
    expect(checkViewToken(key, 5, token, ISSUED + 2 * 60 * MINUTE)).toBe('expired');
  });

  it('allow a minute for clocks of different nodes, and no more', () => {
    const token = signViewToken(key, 5, ISSUED);
    expect(checkViewToken(key, 5, token, ISSUED - MINUTE)).toBe('valid');
    expect(checkViewToken(key, 5, token, ISSUED - MINUTE - 1000)).toBe('future');
  });

  it('belong to one article and one key', () => {
    const token = signViewToken(key, 5, ISSUED);
    expect(checkViewToken(key, 6, token, ISSUED)).toBe('forged');
    expect(checkViewToken(Buffer.alloc(32, 8), 5, token, ISSUED)).toBe('forged');
    expect(checkViewToken(key, 5, `${token}x`, ISSUED)).toBe('malformed');
  });

  it('are refused for their age before their MAC is checked, whoever signed them', () => {
    // A forged token's age is read from the token itself: expired or future, it costs no MAC.
    const forged = signViewToken(Buffer.alloc(32, 8), 5, ISSUED);
    expect(checkViewToken(key, 5, forged, ISSUED + 31 * MINUTE)).toBe('expired');
    expect(checkViewToken(key, 5, forged, ISSUED - 2 * MINUTE)).toBe('future');
    expect(checkViewToken(key, 5, forged, ISSUED)).toBe('forged');
  });
});
