import type { Rng } from './prng.js';

/** Text that breaks careless code: empty, blank, control characters, markup, SQL, unicode edge cases. */
const ODD_TEXT = [
  '',
  ' ',
  '\t\n\r',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31mred',
  '\u202eevil\u202c',
  '\ud800',
  '\udfff\ud800',
  '🦆🦆🦆',
  'e\u0301\u0301\u0301',
  'Ünïcödé — “quotes” ‘and’ …',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; drop table article; --",
  '%s%s%n%x',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '[object Object]',
  'true',
  '-0',
  '1e309',
  '__proto__',
  'constructor',
  'javascript:alert(1)',
  '\\\\evil.example',
  'media:1',
  'media:999999',
];

const ODD_NUMBERS = [
  '0',
  '-1',
  '1',
  '2',
  '1.5',
  '1e3',
  '0x10',
  '00001',
  ' 7 ',
  '+3',
  '2147483647',
  '2147483648',
  '9007199254740993',
  '99999999999999999999999',
  '-99999999999999999999',
  'Infinity',
  'NaN',
  '١٢٣',
  '',
];

/** Path segments that a router or a parser may mishandle. */
const ODD_SEGMENTS = [
  '0',
  '-1',
  '1.0',
  '99999999999999999999',
  '2147483648',
  '%ZZ',
  '%',
  '%00',
  '%2e%2e',
  '..',
  '.',
  '%2F',
  '..%2F..%2Fetc%2Fpasswd',
  '%E2%80%AE',
  '%F0%9F%A6%86',
  '%C3%A9',
  '%FF%FE',
  'null',
  '__proto__',
  '\\evil.example',
  '%5Cevil.example',
  'a;b=c',
  '~',
  '*',
];

export const oddText = (rng: Rng): string => rng.pick(ODD_TEXT);

/** encodeURIComponent, except that a lone surrogate (which it refuses) is sent as the bytes a browser would send. */
export const encode = (value: string): string => {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '\ufffd'));
  }
};
export const oddNumber = (rng: Rng): string => rng.pick(ODD_NUMBERS);

/** A long string: up to a few hundred kilobytes, sometimes of one character, sometimes of many. */
export const hugeText = (rng: Rng): string => {
  const size = rng.pick([301, 601, 2_001, 10_000, 70_000, 300_001, 1_100_000]);
  return rng.chance(0.5) ? 'x'.repeat(size) : `${rng.pick(ODD_TEXT)} `.repeat(Math.ceil(size / 8)).slice(0, size);
};

/** A short word-ish string, as a person might type. */
export const word = (rng: Rng): string => {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let out = '';
  for (let i = rng.int(1, 10); i > 0; i--) out += letters[rng.int(0, letters.length - 1)];
  return out;
};

/** A plausible sentence, so validation passes and saves reach the database. */
export const sentence = (rng: Rng): string =>
  Array.from({ length: rng.int(2, 9) }, () => word(rng)).join(' ') + rng.pick(['', '.', '?', ' — 2026']);

/** A path segment for a parameter: valid when a pool offers one, otherwise odd or very long. */
export const segmentFor = (rng: Rng, valid: string[]): string =>
  rng.weighted<() => string>([
    [valid.length ? 6 : 0, () => rng.pick(valid)],
    [3, () => rng.pick(ODD_SEGMENTS)],
    [1, () => encode(oddText(rng)) || 'x'],
    [1, () => 'a'.repeat(rng.pick([299, 300, 301, 5000]))],
    [1, () => oddNumber(rng).trim() || '0'],
  ])();

/** A value for a query parameter. */
export const queryValue = (rng: Rng): string =>
  rng.weighted<() => string>([
    [3, () => oddNumber(rng)],
    [2, () => oddText(rng)],
    [2, () => word(rng)],
    [1, () => rng.pick(['24h', '1h', '7d', '30d', 'home', 'draft', 'published', 'in_review', 'scheduled', '1'])],
    [1, () => 'q'.repeat(rng.pick([100, 5_000]))],
  ])();

/** Encodes a query value the way it came: usually properly, sometimes raw or with a broken escape. */
export const encodeQuery = (rng: Rng, value: string): string =>
  rng.weighted<() => string>([
    [8, () => encode(value)],
    [1, () => value.replace(/[\s#&%]/g, '+')],
    [1, () => `${encode(value)}%ZZ`],
  ])();
