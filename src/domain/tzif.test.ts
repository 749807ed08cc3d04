import { describe, expect, it } from 'vitest';
import { parsePosixZone } from './posix-tz.js';
import { parseTzif } from './tzif.js';

// TZif files written here byte by byte (RFC 8536), so that every branch of the reader is reached with a file whose
// contents the test states; test/integration/zoneinfo.test.ts checks the system's own files against ICU.

interface FileSpec {
  version?: 0 | 2 | 3;
  /** [instant in seconds, index of its type] */
  transitions?: [number, number][];
  /** [seconds east of UTC, daylight?] */
  types?: [number, boolean][];
  footer?: string;
  leapSeconds?: number;
}

const u32 = (n: number): number[] => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const i64 = (n: number): number[] => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n));
  return [...b];
};

const block = (spec: FileSpec, timeBytes: 4 | 8): number[] => {
  const transitions = spec.transitions ?? [];
  const types = spec.types ?? [[0, false]];
  const leaps = spec.leapSeconds ?? 0;
  const chars = [0x58, 0x58, 0x58, 0]; // "XXX"
  const time = (n: number): number[] => (timeBytes === 8 ? i64(n) : u32(n >>> 0));
  const counts = [0, 0, leaps, transitions.length, types.length, chars.length];
  return [
    ...[0x54, 0x5a, 0x69, 0x66, spec.version === 0 ? 0 : 0x30 + (spec.version ?? 2)],
    ...new Array<number>(15).fill(0),
    ...counts.flatMap(u32),
    ...transitions.flatMap(([at]) => time(at)),
    ...transitions.map(([, type]) => type),
    ...types.flatMap(([offset, dst]) => [...u32(offset >>> 0), dst ? 1 : 0, 0]),
    ...chars,
    ...new Array<number>(leaps).fill(0).flatMap((_, i) => [...time(78_796_800 + i), ...u32(i + 1)]),
  ];
};

/** A file as zic writes one: for version 2 and later a minimal first block, then the whole second and the footer. */
const file = (spec: FileSpec): Uint8Array => {
  if (spec.version === 0) return Uint8Array.from(block(spec, 4));
  const legacy = block({ version: spec.version ?? 2, types: [[0, false]] }, 4);
  const footer = [...Buffer.from(`\n${spec.footer ?? ''}\n`)];
  return Uint8Array.from([...legacy, ...block(spec, 8), ...footer]);
};

const at = (iso: string): number => Date.parse(iso) / 1000;
const HOUR = 3600;

describe('reading a TZif file', () => {
  it('answers a zone with no transitions from its footer alone', () => {
    const tokyo = parseTzif(file({ types: [[9 * HOUR, false]], footer: 'JST-9' }))!;
    expect(tokyo.offsetAt(at('2026-01-21T04:01:00Z'))).toBe(9 * HOUR);
    expect(tokyo.offsetAt(at('1900-01-01T00:00:00Z'))).toBe(9 * HOUR);
  });

  it('takes the type of the last transition at or before an instant, and type 0 before the first', () => {
    const zone = parseTzif(
      file({
        types: [
          [3 * HOUR, false],
          [4 * HOUR, true],
          [5 * HOUR, false],
        ],
        transitions: [
          [at('1980-01-01T00:00:00Z'), 1],
          [at('1990-01-01T00:00:00Z'), 2],
          [at('2000-01-01T00:00:00Z'), 0],
        ],
      }),
    )!;
    expect(zone.offsetAt(at('1970-06-01T00:00:00Z'))).toBe(3 * HOUR);
    expect(zone.offsetAt(at('1979-12-31T23:59:59Z'))).toBe(3 * HOUR);
    expect(zone.offsetAt(at('1980-01-01T00:00:00Z'))).toBe(4 * HOUR);
    expect(zone.offsetAt(at('1995-01-01T00:00:00Z'))).toBe(5 * HOUR);
    // No footer: the last transition's type holds for ever.
    expect(zone.offsetAt(at('2090-01-01T00:00:00Z'))).toBe(3 * HOUR);
  });

  it('hands the time after the last transition to the footer', () => {
    const newYork = parseTzif(
      file({
        types: [
          [-5 * HOUR, false],
          [-4 * HOUR, true],
        ],
        transitions: [
          [at('2006-04-02T07:00:00Z'), 1],
          [at('2006-10-29T06:00:00Z'), 0],
        ],
        footer: 'EST5EDT,M3.2.0,M11.1.0',
      }),
    )!;
    expect(newYork.offsetAt(at('2006-07-01T00:00:00Z'))).toBe(-4 * HOUR);
    expect(newYork.offsetAt(at('2026-03-08T06:59:59Z'))).toBe(-5 * HOUR);
    expect(newYork.offsetAt(at('2026-03-08T07:00:00Z'))).toBe(-4 * HOUR);
    expect(newYork.offsetAt(at('2026-11-01T05:59:59Z'))).toBe(-4 * HOUR);
    expect(newYork.offsetAt(at('2026-11-01T06:00:00Z'))).toBe(-5 * HOUR);
  });

  it('reads a version 1 file, whose times are 32 bits and which has no footer', () => {
    const zone = parseTzif(
      file({
        version: 0,
        types: [
          [0, false],
          [HOUR, true],
        ],
        transitions: [
          [at('1969-12-31T23:00:00Z'), 1],
          [at('2030-01-01T00:00:00Z'), 0],
        ],
      }),
    )!;
    expect(zone.offsetAt(at('1969-12-31T22:59:59Z'))).toBe(0);
    expect(zone.offsetAt(at('2000-01-01T00:00:00Z'))).toBe(HOUR);
    expect(zone.offsetAt(at('2031-01-01T00:00:00Z'))).toBe(0);
  });

  it('refuses what it cannot answer from exactly, so that the caller asks ICU', () => {
    const good = file({ types: [[0, false]], footer: 'UTC0' });
    expect(parseTzif(good)).not.toBeNull();
    expect(parseTzif(Uint8Array.from([...good].map((b, i) => (i === 0 ? 0x53 : b))))).toBeNull(); // not "TZif"
    expect(parseTzif(good.subarray(0, 60))).toBeNull(); // cut short
    expect(parseTzif(new Uint8Array(0))).toBeNull();
    expect(parseTzif(file({ types: [[0, false]], leapSeconds: 2 }))).toBeNull(); // the "right/" zones
    expect(parseTzif(file({ types: [[0, false]], transitions: [[0, 3]] }))).toBeNull(); // no type 3
    const backwards: [number, number][] = [
      [100, 0],
      [50, 0],
    ];
    expect(parseTzif(file({ types: [[0, false]], transitions: backwards }))).toBeNull();
  });

  it('keeps to the last transition when the footer is not one it can read', () => {
    const zone = parseTzif(file({ types: [[2 * HOUR, false]], transitions: [[0, 0]], footer: 'XX-2' }))!;
    expect(zone.offsetAt(at('2050-01-01T00:00:00Z'))).toBe(2 * HOUR);
  });
});

describe('a footer rule (POSIX TZ)', () => {
  const offset = (rule: string, iso: string): number => parsePosixZone(rule)!.offsetAt(at(iso)) / HOUR;

  it('reads names in angle brackets and offsets with minutes', () => {
    expect(offset('<+0530>-5:30', '2026-01-01T00:00:00Z')).toBe(5.5);
    expect(offset('<-03>3', '2026-01-01T00:00:00Z')).toBe(-3);
    expect(offset('<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45', '2026-01-15T00:00:00Z')).toBe(13.75);
  });

  it('follows a southern zone whose daylight time spans the new year', () => {
    const sydney = 'AEST-10AEDT,M10.1.0,M4.1.0/3';
    expect(offset(sydney, '2026-01-15T00:00:00Z')).toBe(11);
    expect(offset(sydney, '2026-04-04T15:59:59Z')).toBe(11);
    expect(offset(sydney, '2026-04-04T16:00:00Z')).toBe(10);
    expect(offset(sydney, '2026-10-03T15:59:59Z')).toBe(10);
    expect(offset(sydney, '2026-10-03T16:00:00Z')).toBe(11);
    expect(offset(sydney, '2026-12-31T23:00:00Z')).toBe(11);
  });

  it('changes at negative times and at times past 24 hours', () => {
    // Daylight time from 23:00 on the Saturday before the last Sunday of March, local standard time.
    const nuuk = '<-02>2<-01>,M3.5.0/-1,M10.5.0/0';
    expect(offset(nuuk, '2026-03-29T00:59:59Z')).toBe(-2);
    expect(offset(nuuk, '2026-03-29T01:00:00Z')).toBe(-1);
    // All year in daylight time: the end (December 31, 25:00) meets the next start (January 1, 00:00).
    const always = 'EST5EDT,0/0,J365/25';
    for (const iso of ['2026-01-01T04:30:00Z', '2026-07-01T00:00:00Z', '2026-12-31T23:59:59Z', '2028-02-29T12:00:00Z'])
      expect(offset(always, iso)).toBe(-4);
  });

  it('counts Julian days without February 29 and zero-based days with it', () => {
    // J60 is March 1 in every year; 59 is February 29 in a leap year.
    expect(offset('XST3XDT,J60/0,J300/0', '2028-03-01T02:59:59Z')).toBe(-3);
    expect(offset('XST3XDT,J60/0,J300/0', '2028-03-01T03:00:00Z')).toBe(-2);
    expect(offset('XST3XDT,59/0,299/0', '2028-02-29T02:59:59Z')).toBe(-3);
    expect(offset('XST3XDT,59/0,299/0', '2028-02-29T03:00:00Z')).toBe(-2);
    expect(offset('XST3XDT,59/0,299/0', '2027-03-01T03:00:00Z')).toBe(-2);
  });

  it('reads the fifth week of a month as its last', () => {
    // The last Sunday of February 2026 is the 22nd; of February 2032, a leap year, the 29th.
    expect(offset('YST0YDT,M2.5.0/0,M6.1.0/0', '2026-02-21T23:59:59Z')).toBe(0);
    expect(offset('YST0YDT,M2.5.0/0,M6.1.0/0', '2026-02-22T00:00:00Z')).toBe(1);
    expect(offset('YST0YDT,M2.5.0/0,M6.1.0/0', '2032-02-28T23:59:59Z')).toBe(0);
    expect(offset('YST0YDT,M2.5.0/0,M6.1.0/0', '2032-02-29T00:00:00Z')).toBe(1);
  });

  it('refuses a rule it would have to guess at', () => {
    for (const rule of [
      '',
      'JS-9',
      'EST5EDT',
      'EST5EDT,M3.2.0',
      'EST5EDT,M13.2.0,M11.1.0',
      'EST5EDT,M3.6.0,M11.1.0',
      'EST25',
    ])
      expect(parsePosixZone(rule), rule).toBeNull();
  });
});
