import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isValidTimeZone, useZoneSource, zonedParts } from '../../src/domain/dateline.js';
import { readSystemZone, systemZoneFolders } from '../../src/storage/zoneinfo.js';

// Serving processes read zones from the system's time zone database (Debian's tzdata; .ci/run installs it) instead
// of ICU's: these tests hold the two to the same answers. ICU and tzdata may be a release apart; the zones below
// had no rule change in 2024-2025.
const haveTzdata = existsSync('/usr/share/zoneinfo/Asia/Tokyo');
if (!haveTzdata && process.env.CI === 'true') throw new Error('CI needs the tzdata package (/usr/share/zoneinfo)');
if (!haveTzdata) console.log('zoneinfo tests skipped: no /usr/share/zoneinfo on this machine (install tzdata)');

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

const intlParts = (instant: Date, zone: string) => {
  useZoneSource(null);
  return zonedParts(instant, zone);
};
const systemParts = (instant: Date, zone: string) => {
  useZoneSource(readSystemZone);
  return zonedParts(instant, zone);
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

  it('gives the same local time as ICU on both sides of every change of offset from 1970 to 2100', () => {
    let checked = 0;
    for (const zone of ZONES) {
      for (const change of changesOf(zone)) {
        for (const instant of [change - 1, change, change + 1800]) {
          const date = new Date(instant * 1000);
          expect(systemParts(date, zone), `${zone} ${date.toISOString()}`).toEqual(intlParts(date, zone));
          checked++;
        }
      }
    }
    // New York alone changes twice a year; the count shows the search found the changes it is meant to.
    expect(checked).toBeGreaterThan(2_000);
  });

  it('gives the same local time as ICU at instants spread over 1970-2100', () => {
    for (const zone of ZONES) {
      for (let i = 0; i < 400; i++) {
        // A fixed walk, not random: a failure names an instant that fails again.
        const date = new Date((FROM + (((i * 7_919_993) % 4_102_444) / 4_102_444) * (TO - FROM)) * 1000);
        expect(systemParts(date, zone), `${zone} ${date.toISOString()}`).toEqual(intlParts(date, zone));
      }
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
