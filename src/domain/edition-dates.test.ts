import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateline, MONTHS } from './dateline.js';
import {
  editionDate,
  editionDateline,
  editionDatetime,
  editionLongDate,
  type DateStyle,
  type EditionClock,
} from './edition-dates.js';

const tokyoLunch = new Date('2026-01-21T04:01:00Z');
const english: EditionClock = { timeZone: 'Asia/Tokyo', timeZoneLabel: 'JST', dateStyle: 'en' };
const japanese: EditionClock = { ...english, dateStyle: 'ja' };

describe('datelines per edition language', () => {
  it('prints the English house style unchanged', () => {
    expect(editionDateline(tokyoLunch, english)).toBe('13:01 JST, January 21, 2026');
    expect(editionDate(tokyoLunch, english)).toBe('January 21, 2026');
    expect(editionLongDate(tokyoLunch, english)).toBe('Wednesday, January 21, 2026');
  });

  it('prints the Japanese newspaper style without a zone label', () => {
    expect(editionDateline(tokyoLunch, japanese)).toBe('2026年1月21日 13:01');
    expect(editionDate(tokyoLunch, japanese)).toBe('2026年1月21日');
    expect(editionLongDate(tokyoLunch, japanese)).toBe('2026年1月21日（水）');
  });

  it('writes a morning hour without a leading zero in Japanese, and midnight as 0', () => {
    expect(editionDateline(new Date('2026-03-04T00:05:00Z'), japanese)).toBe('2026年3月4日 9:05');
    expect(editionDateline(new Date('2026-06-30T15:00:00Z'), japanese)).toBe('2026年7月1日 0:00');
  });

  it('gives both languages the same <time datetime>', () => {
    expect(editionDatetime(tokyoLunch, english)).toBe('2026-01-21T13:01:00+09:00');
    expect(editionDatetime(tokyoLunch, japanese)).toBe('2026-01-21T13:01:00+09:00');
  });
});

/** The wall time a datetime value states, and the instant it names. */
const readDatetime = (value: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-]\d{2}:\d{2})$/.exec(value);
  if (!m) throw new Error(`not a datetime value: ${value}`);
  return {
    wall: { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]! },
    instant: Date.parse(value),
  };
};

/** The wall time a printed dateline states, read back from its text alone. */
const readDateline = (text: string, style: DateStyle, label: string) => {
  if (style === 'ja') {
    const m = /^(\d{4})年(\d{1,2})月(\d{1,2})日 (\d{1,2}):(\d{2})$/.exec(text);
    if (!m) throw new Error(`not a Japanese dateline: ${text}`);
    return { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]! };
  }
  const m = /^(\d{2}):(\d{2}) (\S+), ([A-Z][a-z]+) (\d{1,2}), (\d{4})$/.exec(text);
  if (!m || m[3] !== label) throw new Error(`not an English dateline: ${text}`);
  const month = MONTHS.indexOf(m[4] as (typeof MONTHS)[number]) + 1;
  return { year: +m[6]!, month, day: +m[5]!, hour: +m[1]!, minute: +m[2]! };
};

// Every zone this Node knows. From 1980: a few zones kept offsets with seconds in them (Monrovia until 1972),
// which no "+hh:mm" can state.
const zones = fc.constantFrom(...Intl.supportedValuesOf('timeZone'));
const instants = fc.date({
  min: new Date('1980-01-01T00:00:00Z'),
  max: new Date('2100-12-31T23:59:59Z'),
  noInvalidDate: true,
});
const styles = fc.constantFrom<DateStyle>('en', 'ja');

describe('property: the printed dateline and <time datetime> agree', () => {
  it('for any instant, zone and language, the dateline states the datetime value’s wall time', () => {
    fc.assert(
      fc.property(instants, zones, styles, (instant, timeZone, dateStyle) => {
        const clock: EditionClock = { timeZone, timeZoneLabel: 'LT', dateStyle };
        const datetime = readDatetime(editionDatetime(instant, clock));
        expect(readDateline(editionDateline(instant, clock), dateStyle, 'LT')).toEqual(datetime.wall);
      }),
      { numRuns: 500 },
    );
  });

  it('for any instant and zone, the datetime value names the instant itself (to the second)', () => {
    fc.assert(
      fc.property(instants, zones, (instant, timeZone) => {
        const { instant: named } = readDatetime(editionDatetime(instant, { ...english, timeZone }));
        expect(named).toBe(Math.floor(instant.getTime() / 1000) * 1000);
      }),
      { numRuns: 500 },
    );
  });

  it('the English dateline is byte for byte the one formatDateline prints; each dateline carries its date', () => {
    fc.assert(
      fc.property(instants, zones, (instant, timeZone) => {
        const clock: EditionClock = { timeZone, timeZoneLabel: 'JST', dateStyle: 'en' };
        expect(editionDateline(instant, clock)).toBe(formatDateline(instant, timeZone, 'JST'));
        expect(editionDateline(instant, clock).endsWith(`, ${editionDate(instant, clock)}`)).toBe(true);
        const ja = { ...clock, dateStyle: 'ja' as const };
        expect(editionDateline(instant, ja).startsWith(`${editionDate(instant, ja)} `)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
