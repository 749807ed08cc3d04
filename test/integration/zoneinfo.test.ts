import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isValidTimeZone, useZoneSource, zonedParts } from '../../src/domain/dateline.js';
import { readSystemZone, systemZoneFolders } from '../../src/storage/zoneinfo.js';

// Serving processes read zones from the system's time zone database (Debian's tzdata; .ci/run installs it) instead
// of ICU's. These tests hold our reader to the C library's reading of the same files (GNU date with TZ set), not to
// ICU: ICU carries its own copy of the database, often a release or more apart from the system's, and releases
// correct history (tzdata 2026f against Node 20's ICU 2025c: Asia/Tehran's daylight time of May 1979 began at 00:00
// in one and 01:00 in the other).
const haveTzdata = existsSync('/usr/share/zoneinfo/Asia/Tokyo');
if (!haveTzdata && process.env.CI === 'true') throw new Error('CI needs the tzdata package (/usr/share/zoneinfo)');
if (!haveTzdata) console.log('zoneinfo tests skipped: no /usr/share/zoneinfo on this machine (install tzdata)');

/** Local times of `instants` (seconds) in `zone` as the C library reads the zone's file: GNU date, one run a zone. */
const libcParts = (zone: string, instants: number[]) =>
  execFileSync('date', ['-f', '-', '+%Y %m %d %H %M %S'], {
    input: instants.map((instant) => `@${instant}`).join('\n'),
    env: { TZ: zone, TZDIR: '/usr/share/zoneinfo', PATH: process.env.PATH ?? '/usr/bin:/bin' },
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .map((line) => {
      const [year, month, day, hour, minute, second] = line.split(' ').map(Number) as [number, ...number[]];
      return { year, month, day, hour, minute, second };
    });

const ZONES = [
  'Asia/Tokyo',
  'America/New_York',
  'America/Los_Angeles',
  'America/St_Johns', // half-hour offset with daylight time
  'America/Sao_Paulo', // daylight time until 2019
  'America/Santiago', // southern daylight time
  'Europe/London',
  'Europe/Dublin', // daylight time as the standard, winter as "negative" daylight time
  'Europe/Moscow',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tehran',
  'Australia/Sydney',
  'Australia/Lord_Howe', // half-hour daylight shift
  'Pacific/Chatham', // +12:45 / +13:45
  'Pacific/Apia', // skipped December 30, 2011
  'Pacific/Kiritimati', // +14
  'Africa/Casablanca', // daylight time suspended each Ramadan, listed to 2087
  'UTC',
  'Etc/GMT+5',
];

const FROM = Date.UTC(1970, 0, 1) / 1000;
const TO = Date.UTC(2100, 0, 1) / 1000;
const DAY = 86_400;

/** The instants around every change of offset the rules give, found day by day and then to the second. */
const changesOf = (zone: string): number[] => {
  const rules = readSystemZone(zone)!;
  const found: number[] = [];
  for (let day = FROM; day < TO; day += DAY) {
    if (rules.offsetAt(day) === rules.offsetAt(day + DAY)) continue;
    let [low, high] = [day, day + DAY];
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (rules.offsetAt(mid) === rules.offsetAt(day)) low = mid;
      else high = mid;
    }
    found.push(high);
  }
  return found;
};

/** Ours and the C library's local times for `instants`, each named by its instant, so a failure says where. */
const bothReadings = (zone: string, instants: number[]) => {
  const dates = instants.map((instant) => new Date(instant * 1000));
  const libc = libcParts(zone, instants);
  useZoneSource(readSystemZone);
  return {
    ours: dates.map((date) => ({ instant: date.toISOString(), ...zonedParts(date, zone) })),
    libc: dates.map((date, i) => ({ instant: date.toISOString(), ...libc[i] })),
  };
};

describe.skipIf(!haveTzdata)('dates from the system time zone database', () => {
  afterEach(() => useZoneSource(null));

  it('finds every zone above, and nothing for a name that is not one or would leave the folder', () => {
    for (const zone of ZONES) expect(readSystemZone(zone), zone).not.toBeNull();
    for (const name of [
      'Mars/Olympus',
      '../etc/passwd',
      '/etc/passwd',
      'Asia/../../etc/hostname',
      'right/Asia/Tokyo',
      '',
    ])
      expect(readSystemZone(name), name).toBeNull();
    expect(systemZoneFolders({ TZDIR: '/opt/zones' })).toEqual(['/opt/zones']);
    expect(readSystemZone('Asia/Tokyo', ['/nonexistent'])).toBeNull();
  });

  it('gives the same local time as the C library on both sides of every change of offset from 1970 to 2100', () => {
    let checked = 0;
    for (const zone of ZONES) {
      const instants = changesOf(zone).flatMap((change) => [change - 1, change, change + 1800]);
      const { ours, libc } = bothReadings(zone, instants);
      expect(ours, zone).toEqual(libc);
      checked += instants.length;
    }
    // New York alone changes twice a year; the count shows the search found the changes it is meant to.
    expect(checked).toBeGreaterThan(2_000);
  });

  it('gives the same local time as the C library at instants spread over 1970-2100', () => {
    // A fixed walk, not random: a failure names an instant that fails again.
    const instants = Array.from(
      { length: 400 },
      (_, i) => FROM + Math.floor((((i * 7_919_993) % 4_102_444) / 4_102_444) * (TO - FROM)),
    );
    for (const zone of ZONES) {
      const { ours, libc } = bothReadings(zone, instants);
      expect(ours, zone).toEqual(libc);
    }
  });

  it('takes a zone the database has as valid without ICU, and leaves the rest to ICU', () => {
    useZoneSource(readSystemZone);
    expect(isValidTimeZone('Asia/Tokyo')).toBe(true);
    expect(isValidTimeZone('asia/tokyo')).toBe(true); // not a file on Linux; ICU accepts it
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    // Files of the database that are not zones: ICU says no.
    expect(isValidTimeZone('posixrules')).toBe(false);
    expect(isValidTimeZone('Factory')).toBe(false);
  });
});
