/**
 * The rule a TZif file's footer gives for every instant after its last listed transition (RFC 8536 section 3.3, the
 * POSIX TZ form): "EST5EDT,M3.2.0,M11.1.0" is five hours west, an hour less from the second Sunday of March at 02:00
 * to the first Sunday of November at 02:00. Offsets here are seconds east of UTC, as TZif's own; POSIX writes them
 * west, so they change sign when read.
 */

/** A parsed footer: the offset at any instant the rule covers. */
export interface PosixZoneRule {
  /** Seconds east of UTC at an instant given in seconds since the epoch. */
  offsetAt(epochSeconds: number): number;
}

type DateRule =
  | { kind: 'julian'; day: number } // Jn: 1-365, February 29 never counted
  | { kind: 'day'; day: number } // n: 0-365, February 29 counted
  | { kind: 'month'; month: number; week: number; weekday: number }; // Mm.w.d

interface Change {
  date: DateRule;
  /** Seconds after local midnight (may be negative or past 24 hours, RFC 8536's extension). */
  time: number;
}

const DAY_SECONDS = 86_400;

/** A name: "<+09>" or three or more letters. Returns the index after it, or -1. */
const skipName = (text: string, at: number): number => {
  if (text[at] === '<') {
    const close = text.indexOf('>', at);
    return close > at + 1 && /^[A-Za-z0-9+-]+$/.test(text.slice(at + 1, close)) ? close + 1 : -1;
  }
  let end = at;
  while (end < text.length && /[A-Za-z]/.test(text[end]!)) end++;
  return end - at >= 3 ? end : -1;
};

/** "[+-]hh[:mm[:ss]]" as signed seconds, hours up to `maxHours`. */
const readClock = (text: string, at: number, maxHours: number): { seconds: number; next: number } | null => {
  const m = /^([+-]?)(\d{1,3})(?::(\d{2})(?::(\d{2}))?)?/.exec(text.slice(at));
  if (!m) return null;
  const [hours, minutes, seconds] = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (hours > maxHours || minutes > 59 || seconds > 59) return null;
  const value = hours * 3600 + minutes * 60 + seconds;
  return { seconds: m[1] === '-' ? -value : value, next: at + m[0].length };
};

const readDate = (text: string): DateRule | null => {
  let m = /^J(\d{1,3})$/.exec(text);
  if (m) return Number(m[1]) >= 1 && Number(m[1]) <= 365 ? { kind: 'julian', day: Number(m[1]) } : null;
  m = /^(\d{1,3})$/.exec(text);
  if (m) return Number(m[1]) <= 365 ? { kind: 'day', day: Number(m[1]) } : null;
  m = /^M(\d{1,2})\.(\d)\.(\d)$/.exec(text);
  if (!m) return null;
  const [month, week, weekday] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && week >= 1 && week <= 5 && weekday <= 6
    ? { kind: 'month', month, week, weekday }
    : null;
};

/** ",date[/time]" */
const readChange = (text: string): Change | null => {
  const [date, time, extra] = text.split('/');
  if (extra !== undefined) return null;
  const rule = readDate(date!);
  if (!rule) return null;
  if (time === undefined) return { date: rule, time: 2 * 3600 };
  const clock = readClock(time, 0, 167);
  return clock && clock.next === time.length ? { date: rule, time: clock.seconds } : null;
};

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The local date a rule names in a year, as seconds since the epoch at that date's midnight, UTC. */
const dateIn = (year: number, rule: DateRule): number => {
  const jan1 = Date.UTC(year, 0, 1) / 1000;
  if (rule.kind === 'day') return jan1 + rule.day * DAY_SECONDS;
  if (rule.kind === 'julian') {
    const leapDay = isLeap(year) && rule.day >= 60 ? 1 : 0;
    return jan1 + (rule.day - 1 + leapDay) * DAY_SECONDS;
  }
  const first = new Date(Date.UTC(year, rule.month - 1, 1));
  const monthDays = new Date(Date.UTC(year, rule.month, 0)).getUTCDate();
  let day = 1 + ((rule.weekday - first.getUTCDay() + 7) % 7) + (rule.week - 1) * 7;
  while (day > monthDays) day -= 7;
  return first.getTime() / 1000 + (day - 1) * DAY_SECONDS;
};

/**
 * Reads a footer's rule; null when it is empty or not of the form RFC 8536 allows, so that the caller keeps to the
 * file's last transition instead of guessing.
 */
export const parsePosixZone = (text: string): PosixZoneRule | null => {
  const stdEnd = skipName(text, 0);
  if (stdEnd < 0) return null;
  const std = readClock(text, stdEnd, 24);
  if (!std) return null;
  const standard = 0 - std.seconds; // not -0 for a zone at UTC
  if (std.next === text.length) return { offsetAt: () => standard };

  const dstEnd = skipName(text, std.next);
  if (dstEnd < 0) return null;
  let daylight = standard + 3600;
  let at = dstEnd;
  if (text[at] !== ',') {
    const dst = readClock(text, at, 24);
    if (!dst) return null;
    daylight = 0 - dst.seconds;
    at = dst.next;
  }
  // A zone with daylight time but no rule for it: POSIX leaves the dates to the system; a footer must not.
  if (text[at] !== ',') return null;
  const [startText, endText, extra] = text.slice(at + 1).split(',');
  if (extra !== undefined || endText === undefined) return null;
  const start = readChange(startText!);
  const end = readChange(endText);
  if (!start || !end) return null;

  /** The changes of a year as instants: daylight time starts at a standard-time clock reading and ends at a daylight one. */
  const changesIn = (year: number): { at: number; daylight: boolean }[] => [
    { at: dateIn(year, start.date) + start.time - standard, daylight: true },
    { at: dateIn(year, end.date) + end.time - daylight, daylight: false },
  ];
  return {
    offsetAt(epochSeconds) {
      const year = new Date((epochSeconds + standard) * 1000).getUTCFullYear();
      // The last change at or before the instant, among the years around it: a southern zone's daylight time spans
      // the new year, and a zone in daylight time all year ends it at the instant the next year starts it again (the
      // end is listed first, so daylight time wins).
      const changes = [year - 1, year, year + 1]
        .flatMap(changesIn)
        .sort((a, b) => a.at - b.at || Number(a.daylight) - Number(b.daylight));
      let inDaylight = false;
      for (const change of changes) {
        if (change.at > epochSeconds) break;
        inDaylight = change.daylight;
      }
      return inDaylight ? daylight : standard;
    },
  };
};
