import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatDate,
  formatDateline,
  formatLongDate,
  instantFromZoned,
  isoDate,
  isoWithOffset,
  isValidTimeZone,
  nextLocalMidnight,
  urlDate,
  zonedParts,
} from './dateline.js';

const tokyoLunch = new Date('2026-01-21T04:01:00Z');

describe('formatDateline', () => {
  it('prints the reference style in Tokyo time with the JST label', () => {
    expect(formatDateline(tokyoLunch, 'Asia/Tokyo', 'JST')).toBe('13:01 JST, January 21, 2026');
  });

  it('uses 24-hour time with a leading zero', () => {
    expect(formatDateline(new Date('2026-03-04T21:05:00Z'), 'Asia/Tokyo', 'JST')).toBe('06:05 JST, March 5, 2026');
  });

  it('prints midnight as 00, not 24', () => {
    expect(formatDateline(new Date('2026-06-30T15:00:00Z'), 'Asia/Tokyo', 'JST')).toBe('00:00 JST, July 1, 2026');
  });

  it('follows daylight saving time in zones that have it', () => {
    expect(formatDateline(new Date('2026-07-01T12:00:00Z'), 'Europe/London', 'UK')).toBe('13:00 UK, July 1, 2026');
    expect(formatDateline(new Date('2026-01-01T12:00:00Z'), 'Europe/London', 'UK')).toBe('12:00 UK, January 1, 2026');
  });
});

describe('isoWithOffset', () => {
  it('carries the zone offset', () => {
    expect(isoWithOffset(tokyoLunch, 'Asia/Tokyo')).toBe('2026-01-21T13:01:00+09:00');
  });

  it('prints negative and half-hour offsets', () => {
    expect(isoWithOffset(new Date('2026-01-21T04:01:00Z'), 'America/New_York')).toBe('2026-01-20T23:01:00-05:00');
    expect(isoWithOffset(new Date('2026-01-21T04:01:00Z'), 'Asia/Kolkata')).toBe('2026-01-21T09:31:00+05:30');
  });
});

describe('dates', () => {
  it('formats list dates and URL dates in the site zone', () => {
    expect(formatDate(new Date('2026-01-20T16:00:00Z'), 'Asia/Tokyo')).toBe('January 21, 2026');
    expect(urlDate(new Date('2026-01-20T16:00:00Z'), 'Asia/Tokyo')).toBe('20260121');
  });

  it('recognises valid and invalid zone names', () => {
    expect(isValidTimeZone('Asia/Tokyo')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('instantFromZoned', () => {
  it('turns a Tokyo wall time into the right instant', () => {
    const instant = instantFromZoned({ year: 2026, month: 1, day: 21, hour: 13, minute: 1 }, 'Asia/Tokyo');
    expect(instant.toISOString()).toBe('2026-01-21T04:01:00.000Z');
  });

  it('reads a time skipped when clocks go forward as that long after the change, and a repeated one as its first', () => {
    // New York went from 02:00 EST to 03:00 EDT on March 8, 2026, and back from 02:00 EDT to 01:00 EST on November 1.
    const skipped = instantFromZoned({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York');
    expect(isoWithOffset(skipped, 'America/New_York')).toBe('2026-03-08T03:30:00-04:00');
    const repeated = instantFromZoned({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York');
    expect(isoWithOffset(repeated, 'America/New_York')).toBe('2026-11-01T01:30:00-04:00');
    // Havana skipped midnight on March 8, 2026: 00:00 does not exist, 00:15 reads as 01:15.
    const havana = instantFromZoned({ year: 2026, month: 3, day: 8, hour: 0, minute: 15 }, 'America/Havana');
    expect(isoWithOffset(havana, 'America/Havana')).toBe('2026-03-08T01:15:00-04:00');
    // Lord Howe moves by half an hour.
    const howe = instantFromZoned({ year: 2026, month: 10, day: 4, hour: 2, minute: 10 }, 'Australia/Lord_Howe');
    expect(isoWithOffset(howe, 'Australia/Lord_Howe')).toBe('2026-10-04T02:40:00+11:00');
  });

  it('round-trips with formatDateline for any minute in several zones', () => {
    const zones = [
      'Asia/Tokyo',
      'UTC',
      'Europe/London',
      'America/New_York',
      'Australia/Adelaide',
      'America/Havana',
      'Australia/Lord_Howe',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const instant = new Date(Math.floor(ms / 60_000) * 60_000);
          const iso = isoWithOffset(instant, zone);
          const [date, time] = iso.slice(0, 16).split('T') as [string, string];
          const [year, month, day] = date.split('-').map(Number) as [number, number, number];
          const [hour, minute] = time.split(':').map(Number) as [number, number];
          const back = instantFromZoned({ year, month, day, hour, minute }, zone);
          expect(isoWithOffset(back, zone).slice(0, 16)).toBe(iso.slice(0, 16));
          // In the repeated hour when clocks go back, the first of the two instants.
          expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
        },
      ),
    );
  });
});

describe('zonedParts', () => {
  it('gives the same frozen answer for an instant asked again, and right answers past its bound', () => {
    const at = new Date('2026-01-21T04:01:00Z');
    const first = zonedParts(at, 'Asia/Tokyo');
    expect(first).toEqual({ year: 2026, month: 1, day: 21, hour: 13, minute: 1, second: 0 });
    expect(zonedParts(new Date(at.getTime()), 'Asia/Tokyo')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(zonedParts(at, 'UTC').hour).toBe(4);
    // More instants than it keeps: it forgets, and answers as before.
    for (let i = 1; i <= 10_001; i++) zonedParts(new Date(at.getTime() + i * 60_000), 'Asia/Tokyo');
    expect(zonedParts(at, 'Asia/Tokyo')).toEqual(first);
    expect(zonedParts(new Date(at.getTime() + 10_001 * 60_000), 'Asia/Tokyo')).toMatchObject({ day: 28, hour: 11 });
  });
});

describe('the home page date line', () => {
  it('names the weekday and the date in the site zone', () => {
    // 23:30 on Sunday in London is already Monday morning in Tokyo.
    const at = new Date('2026-11-29T23:30:00Z');
    expect(formatLongDate(at, 'Asia/Tokyo')).toBe('Monday, November 30, 2026');
    expect(formatLongDate(at, 'Europe/London')).toBe('Sunday, November 29, 2026');
    expect(isoDate(at, 'Asia/Tokyo')).toBe('2026-11-30');
    expect(isoDate(new Date('2026-03-04T21:05:00Z'), 'Asia/Tokyo')).toBe('2026-03-05');
  });

  it('goes out of date at the next local midnight, across months and years', () => {
    expect(nextLocalMidnight(new Date('2026-11-30T14:59:50Z'), 'Asia/Tokyo').toISOString()).toBe(
      '2026-11-30T15:00:00.000Z',
    );
    expect(nextLocalMidnight(new Date('2026-12-31T15:00:00Z'), 'Asia/Tokyo').toISOString()).toBe(
      '2027-01-01T15:00:00.000Z',
    );
  });

  it('starts the day at 01:00 where daylight saving skips midnight', () => {
    // Havana moved from 00:00 straight to 01:00 on March 8, 2026.
    const midnight = nextLocalMidnight(new Date('2026-03-07T12:00:00Z'), 'America/Havana');
    expect(isoWithOffset(midnight, 'America/Havana')).toBe('2026-03-08T01:00:00-04:00');
    // So did Santiago on September 6, 2026.
    const santiago = nextLocalMidnight(new Date('2026-09-05T20:00:00Z'), 'America/Santiago');
    expect(isoWithOffset(santiago, 'America/Santiago')).toBe('2026-09-06T01:00:00-03:00');
  });

  it('is always the first second of the next local day, in every kind of zone', () => {
    const zones = ['Asia/Tokyo', 'Europe/London', 'America/Havana', 'America/Santiago', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }),
        fc.constantFrom(...zones),
        (t, zone) => {
          const at = new Date(t);
          const midnight = nextLocalMidnight(at, zone);
          expect(midnight.getTime()).toBeGreaterThan(t);
          expect(midnight.getTime() - t).toBeLessThanOrEqual(25 * 3_600_000);
          // A second before, it is still the same local day; at it, the day has changed.
          expect(isoDate(new Date(midnight.getTime() - 1000), zone)).toBe(isoDate(at, zone));
          expect(isoDate(midnight, zone)).not.toBe(isoDate(at, zone));
        },
      ),
    );
  });
});
