import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createViewScreen, parseViewBeacon, screenViewRequest } from './view-request.js';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const browser = (extra: Record<string, string> = {}) => ({ 'user-agent': CHROME, host: 'news.example', ...extra });

describe('screenViewRequest', () => {
  it('lets an ordinary same-origin beacon through', () => {
    expect(screenViewRequest(browser({ 'sec-fetch-site': 'same-origin', origin: 'https://news.example' }))).toBeNull();
  });

  it('trusts Sec-Fetch-Site over a Host header rewritten by a proxy', () => {
    expect(
      screenViewRequest(
        browser({ host: '127.0.0.1:3000', 'sec-fetch-site': 'same-origin', origin: 'https://news.example' }),
      ),
    ).toBeNull();
  });

  it('compares the Origin with the forwarded host, ignoring default ports, when Sec-Fetch-Site is absent', () => {
    expect(
      screenViewRequest(
        browser({ host: '127.0.0.1:3000', 'x-forwarded-host': 'news.example', origin: 'https://news.example' }),
      ),
    ).toBeNull();
    expect(screenViewRequest(browser({ host: 'news.example:443', origin: 'https://news.example' }))).toBeNull();
  });

  it('refuses beacons from other sites', () => {
    expect(screenViewRequest(browser({ 'sec-fetch-site': 'cross-site' }))).toBe('cross-site');
    expect(screenViewRequest(browser({ 'sec-fetch-site': 'same-site' }))).toBe('cross-site');
    expect(screenViewRequest(browser({ origin: 'https://evil.example' }))).toBe('cross-site');
    expect(screenViewRequest(browser({ origin: 'null' }))).toBe('cross-site');
  });

  it('refuses crawlers and requests without a user agent', () => {
    expect(
      screenViewRequest(
        browser({ 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' }),
      ),
    ).toBe('bot');
    expect(screenViewRequest({ host: 'news.example' })).toBe('bot');
  });

  it('counts readers in news apps whose user agent says "news"', () => {
    const smartNews =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 SmartNews/24.1.0';
    expect(screenViewRequest(browser({ 'user-agent': smartNews }))).toBeNull();
  });

  it('refuses prefetches and prerenders', () => {
    expect(screenViewRequest(browser({ 'sec-purpose': 'prefetch;prerender' }))).toBe('prefetch');
    expect(screenViewRequest(browser({ purpose: 'prefetch' }))).toBe('prefetch');
  });
});

describe('parseViewBeacon', () => {
  it('reads a beacon sent as text', () => expect(parseViewBeacon('{"a":7,"t":"x.y"}')).toEqual({ a: 7, t: 'x.y' }));
  it('refuses anything else', () => {
    for (const bad of ['', 'nope', '[]', '{"a":"7","t":"x"}', '{"a":-1,"t":"x"}', '{"a":1.5,"t":"x"}', '{"a":1}']) {
      expect(parseViewBeacon(bad), bad).toBeNull();
    }
  });
});

describe('parseViewBeacon, checked by hand', () => {
  // The schema the route used before the check was written by hand: the reference it must agree with.
  const reference = z.object({
    a: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    t: z.string().min(1).max(64),
  });
  const expected = (value: unknown) => {
    const parsed = reference.safeParse(value);
    return parsed.success ? parsed.data : null;
  };

  it('accepts and refuses exactly what the beacon schema does, parsed or as text', () => {
    const member = fc.oneof(
      fc.integer(),
      fc.double(),
      fc.constantFrom(0, -0, 1, 2 ** 53 - 1, 2 ** 53, 1e21, '7'),
      fc.string({ maxLength: 70 }),
      fc.constant(null),
      fc.boolean(),
      fc.array(fc.integer(), { maxLength: 2 }),
    );
    const value = fc.oneof(
      fc.record({ a: member, t: member }, { requiredKeys: [] }),
      fc.record({ a: fc.integer({ min: 1 }), t: fc.string({ minLength: 1, maxLength: 64 }), x: member }),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(value, (v) => {
        expect(parseViewBeacon(v)).toEqual(expected(v));
        const text = JSON.stringify(v);
        if (text !== undefined) expect(parseViewBeacon(text)).toEqual(expected(JSON.parse(text)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('createViewScreen', () => {
  it('screens as screenViewRequest does, also for a user agent it has seen before', () => {
    const screen = createViewScreen(2);
    const cases = [
      browser({ 'sec-fetch-site': 'same-origin' }),
      browser({ 'user-agent': 'curl/8.5.0' }),
      browser({ 'sec-fetch-site': 'cross-site' }),
      browser({ 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1)' }),
      browser({ 'sec-purpose': 'prefetch' }),
    ];
    // Twice over, with room for two verdicts: the second pass answers from kept and from recomputed verdicts.
    for (const headers of [...cases, ...cases]) expect(screen(headers)).toBe(screenViewRequest(headers));
  });
});
