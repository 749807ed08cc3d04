import { describe, expect, it } from 'vitest';
import { isNotModified } from './send-cached.js';

const at = Date.UTC(2026, 0, 21, 4, 1, 0);
const entry = { status: 200, etag: '"abc"', lastModified: at };

describe('isNotModified', () => {
  it('answers 304 to the entry’s own ETag, alone, in a list, weak or as *', () => {
    expect(isNotModified(entry, '"abc"', undefined)).toBe(true);
    expect(isNotModified(entry, '"zzz", "abc"', undefined)).toBe(true);
    expect(isNotModified(entry, 'W/"abc"', undefined)).toBe(true);
    expect(isNotModified(entry, '*', undefined)).toBe(true);
    expect(isNotModified(entry, '"zzz"', undefined)).toBe(false);
  });

  it('answers 304 when the client’s date is the entry’s or later, and not when it is earlier', () => {
    expect(isNotModified(entry, undefined, 'Wed, 21 Jan 2026 04:01:00 GMT')).toBe(true);
    expect(isNotModified(entry, undefined, 'Wed, 21 Jan 2026 05:00:00 GMT')).toBe(true);
    expect(isNotModified(entry, undefined, 'Wed, 21 Jan 2026 04:00:59 GMT')).toBe(false);
  });

  it('lets If-None-Match decide when both are sent', () => {
    expect(isNotModified(entry, '"zzz"', 'Wed, 21 Jan 2026 05:00:00 GMT')).toBe(false);
  });

  it('sends in full for a date that is no date, an entry with no date, or an answer that is not a 200', () => {
    expect(isNotModified(entry, undefined, 'yesterday-ish')).toBe(false);
    expect(isNotModified({ status: 200, etag: '"abc"' }, undefined, 'Wed, 21 Jan 2026 05:00:00 GMT')).toBe(false);
    expect(isNotModified({ ...entry, status: 301 }, '"abc"', undefined)).toBe(false);
  });
});
