import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScheduleTime } from './schedule-time.js';

const tokyo = (raw: string) => parseScheduleTime(raw, 'Asia/Tokyo', 'JST');

describe('parseScheduleTime', () => {
  it('reads a wall time in the site zone as its instant', () => {
    expect(tokyo('2030-02-28T10:00')).toEqual({ ok: true, at: new Date('2030-02-28T01:00:00Z') });
  });

  it('accepts February 29 in a leap year and the last minute of a day', () => {
    expect(tokyo('2028-02-29T23:59')).toEqual({ ok: true, at: new Date('2028-02-29T14:59:00Z') });
  });

  it.each([
    ['2030-02-30T10:00', 'February 2030 has no day 30.'],
    ['2029-02-29T10:00', 'February 2029 has no day 29.'],
    ['2030-04-31T10:00', 'April 2030 has no day 31.'],
    ['2030-01-00T10:00', 'January 2030 has no day 0.'],
    ['2030-13-01T10:00', 'There is no month 13; months run from 01 to 12.'],
    ['2030-00-10T10:00', 'There is no month 0; months run from 01 to 12.'],
    ['2030-01-01T25:00', 'There is no hour 25; hours run from 00 to 23.'],
    ['2030-01-01T24:00', 'There is no hour 24; hours run from 00 to 23.'],
    ['2030-01-01T10:60', 'There is no minute 60; minutes run from 00 to 59.'],
  ])('refuses %s, which does not exist, instead of moving it', (raw, message) => {
    expect(tokyo(raw)).toEqual({ ok: false, message });
  });

  it.each(['', 'tomorrow', '2030-1-1T10:00', '2030-01-01 10:00', '2030-01-01T10:00:00', '2030-01-01T10:00Z'])(
    'asks for a date and time when given %j',
    (raw) => {
      expect(tokyo(raw)).toEqual({ ok: false, message: 'Give a date and time (JST).' });
    },
  );

  it('refuses a time the clocks skip in spring instead of moving it an hour on', () => {
    expect(parseScheduleTime('2030-03-10T02:30', 'America/New_York', 'ET')).toEqual({
      ok: false,
      message: 'The clocks skip that time (ET); choose another.',
    });
    expect(parseScheduleTime('2030-03-10T03:30', 'America/New_York', 'ET')).toEqual({
      ok: true,
      at: new Date('2030-03-10T07:30:00Z'),
    });
  });

  it('gives back every accepted time exactly as typed', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01Z'), max: new Date('2099-12-31Z'), noInvalidDate: true }), (d) => {
        const raw =
          `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
          `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
        const read = parseScheduleTime(raw, 'UTC', 'UTC');
        expect(read).toEqual({ ok: true, at: new Date(`${raw}:00Z`) });
      }),
    );
  });
});
