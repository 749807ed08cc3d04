/**
 * Datelines in the house style of the reference page: "13:01 JST, January 21, 2026".
 * Intl in English prints "GMT+9" for Asia/Tokyo, so the zone label is a site setting, not Intl's.
 */
import type { ZoneRules } from './tzif.js';

/** English month names, January first. */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Creating an Intl.DateTimeFormat costs far more than using one; keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

/**
 * Renders ask for the same instants again and again: every summary's address and dateline, on every page it is
 * listed on. Intl's formatToParts costs about 8 µs a call, some 20 calls a page (a tenth of an uncached render), so
 * answers are kept, up to a bound that clears them all at once.
 */
const keptParts = new Map<string, Readonly<ZonedParts>>();
const KEPT_PARTS_MAX = 10_000;

/**
 * Where a zone's rules come from, when not from ICU: an entry point sets the system's time zone database
 * (storage/zoneinfo.ts), so that a serving process never builds an Intl.DateTimeFormat, which maps some 8 MB of ICU's
 * code and data into it for the life of the process (record 0030, "Later: dates without ICU"). A zone the source does
 * not have (null) is converted by Intl, as before, and a name it lacks is Intl's to accept or refuse.
 */
export type ZoneSource = (timeZone: string) => ZoneRules | null;
let zoneSource: ZoneSource | null = null;
const zoneRules = new Map<string, ZoneRules | null>();

/** Sets (or, with null, removes) the source of zones' rules; answers kept from the previous source are dropped. */
export const useZoneSource = (source: ZoneSource | null): void => {
  zoneSource = source;
  zoneRules.clear();
  keptParts.clear();
};

const rulesFor = (timeZone: string): ZoneRules | null => {
  if (zoneSource === null) return null;
  let rules = zoneRules.get(timeZone);
  if (rules === undefined) {
    rules = zoneSource(timeZone);
    zoneRules.set(timeZone, rules);
  }
  return rules;
};

/** Files of the system's database that are not zones a site should name; Intl decides on them. */
const NOT_A_ZONE = /^(?:posix|right|SystemV)\/|^(?:posixrules|Factory|localtime)$/;

/**
 * Whether a zone name is one a site may use: Intl's answer, except that a zone the zone source has rules for is taken
 * without building a formatter. Every serving process checks its stored settings at start, and the zone stored there
 * was Intl's to accept when it was saved.
 */
export const isValidTimeZone = (timeZone: string): boolean => {
  if (!NOT_A_ZONE.test(timeZone) && rulesFor(timeZone) !== null) return true;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
};

const partsFromRules = (instant: Date, rules: ZoneRules): ZonedParts => {
  const seconds = Math.floor(instant.getTime() / 1000);
  if (!Number.isFinite(seconds)) throw new RangeError('Invalid time value'); // as Intl answers an invalid date
  const local = new Date((seconds + rules.offsetAt(seconds)) * 1000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
};

const partsFromIntl = (instant: Date, timeZone: string): ZonedParts => {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
};

export const zonedParts = (instant: Date, timeZone: string): Readonly<ZonedParts> => {
  const key = `${timeZone} ${instant.getTime()}`;
  const kept = keptParts.get(key);
  if (kept) return kept;
  const rules = rulesFor(timeZone);
  const answer = Object.freeze(rules ? partsFromRules(instant, rules) : partsFromIntl(instant, timeZone));
  if (keptParts.size >= KEPT_PARTS_MAX) keptParts.clear();
  keptParts.set(key, answer);
  return answer;
};

/** Offset of the zone from UTC at that instant, in minutes (Tokyo: +540). */
export const offsetMinutes = (instant: Date, timeZone: string): number => {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
};

const DAY_MS = 86_400_000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** "13:01 JST, January 21, 2026" */
export const formatDateline = (instant: Date, timeZone: string, zoneLabel: string): string => {
  const p = zonedParts(instant, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)} ${zoneLabel}, ${MONTHS[p.month - 1]} ${p.day}, ${p.year}`;
};

/** "January 21, 2026", for lists and fronts. */
export const formatDate = (instant: Date, timeZone: string): string => {
  const p = zonedParts(instant, timeZone);
  return `${MONTHS[p.month - 1]} ${p.day}, ${p.year}`;
};

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** "Monday, November 30, 2026": the home page's date line. */
export const formatLongDate = (instant: Date, timeZone: string): string => {
  const p = zonedParts(instant, timeZone);
  // The weekday follows from the local date alone: no second Intl formatter (and its cost) is needed.
  const weekday = WEEKDAYS[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()]!;
  return `${weekday}, ${MONTHS[p.month - 1]} ${p.day}, ${p.year}`;
};

/** "2026-11-30": the local date alone, as <time datetime> takes a day. */
export const isoDate = (instant: Date, timeZone: string): string => {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
};

/** "2026-01-21T13:01:00+09:00": local wall time with its offset, for <time datetime> and JSON-LD. */
export const isoWithOffset = (instant: Date, timeZone: string): string => {
  const p = zonedParts(instant, timeZone);
  const off = offsetMinutes(instant, timeZone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return (
    `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
};

/** "20260121": the date segment of article URLs, in the site's time zone. */
export const urlDate = (instant: Date, timeZone: string): string => {
  const p = zonedParts(instant, timeZone);
  return `${p.year}${pad(p.month)}${pad(p.day)}`;
};

export const monthIndex = (name: string): number => MONTHS.indexOf(name as (typeof MONTHS)[number]) + 1;

/**
 * The instant at which a wall-clock time occurs in a zone. A zone has at most two offsets around any date (the
 * day before's and the day after's); the answer is the earlier instant whose wall time is the one asked for (a
 * time repeated when clocks go back is its first occurrence). A time that does not exist, skipped when clocks go
 * forward, is read with the offset before the change, so it lands as far after the change as it was after the
 * last wall time before it (02:30 where 02:00 became 03:00 is 03:30), as a wall clock that was not moved would say.
 */
export const instantFromZoned = (
  wall: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): Date => {
  const asked = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const before = offsetMinutes(new Date(asked - DAY_MS), timeZone);
  const after = offsetMinutes(new Date(asked + DAY_MS), timeZone);
  const shows = (instant: number): boolean => {
    const p = zonedParts(new Date(instant), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) === asked;
  };
  const candidates = [asked - before * 60_000, asked - after * 60_000].filter(shows).sort((a, b) => a - b);
  return new Date(candidates[0] ?? asked - before * 60_000);
};

/**
 * The first instant of the local day after `instant`'s: when a page that prints today's date goes out of date.
 * Where daylight saving skips midnight, the day starts at the first wall time that exists (01:00).
 */
export const nextLocalMidnight = (instant: Date, timeZone: string): Date => {
  const p = zonedParts(instant, timeZone);
  // Date.UTC rolls day 32 over into the next month (and December 32 into January); a skipped midnight is read as
  // the first wall time of the new day (instantFromZoned).
  return instantFromZoned({ year: p.year, month: p.month, day: p.day + 1, hour: 0, minute: 0 }, timeZone);
};
