import { instantFromZoned, MONTHS, zonedParts } from './dateline.js';

/**
 * The newsroom's "Publish at" field: "2030-03-01T09:30" as the browser's datetime-local sends it, read in the
 * site's zone. A time that does not exist is refused with the reason, never rolled over: Date.UTC would turn
 * February 30 into March 2 and 25:00 into the next morning, and the article would go out at a time nobody chose.
 */
export type ScheduleTime = { ok: true; at: Date } | { ok: false; message: string };

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

// Thrown by the checks below and caught only in parseScheduleTime, so each check reads straight through.
class ScheduleTimeError extends Error {}

export function parseScheduleTime(raw: string, timeZone: string, zoneLabel: string): ScheduleTime {
  try {
    return { ok: true, at: readOrThrow(raw.trim(), timeZone, zoneLabel) };
  } catch (error) {
    if (error instanceof ScheduleTimeError) return { ok: false, message: error.message };
    throw error;
  }
}

function readOrThrow(raw: string, timeZone: string, zoneLabel: string): Date {
  const m = SHAPE.exec(raw);
  if (!m) throw new ScheduleTimeError(`Give a date and time (${zoneLabel}).`);
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  checkMonth(month);
  checkDay(year, month, day);
  checkClock(hour, minute);
  const at = instantFromZoned({ year, month, day, hour, minute }, timeZone);
  checkOccurs(at, { year, month, day, hour, minute }, timeZone, zoneLabel);
  return at;
}

function checkMonth(month: number): void {
  if (month < 1 || month > 12) throw new ScheduleTimeError(`There is no month ${month}; months run from 01 to 12.`);
}

function checkDay(year: number, month: number, day: number): void {
  // Day 0 of the next month is the last day of this one.
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day >= 1 && day <= days) return;
  throw new ScheduleTimeError(`${MONTHS[month - 1]} ${year} has no day ${day}.`);
}

function checkClock(hour: number, minute: number): void {
  if (hour > 23) throw new ScheduleTimeError(`There is no hour ${hour}; hours run from 00 to 23.`);
  if (minute > 59) throw new ScheduleTimeError(`There is no minute ${minute}; minutes run from 00 to 59.`);
}

/** A wall time the clocks skip (the spring daylight-saving change) would otherwise land an hour later. */
function checkOccurs(
  at: Date,
  wall: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
  zoneLabel: string,
): void {
  const back = zonedParts(at, timeZone);
  const same =
    back.year === wall.year &&
    back.month === wall.month &&
    back.day === wall.day &&
    back.hour === wall.hour &&
    back.minute === wall.minute;
  if (!same) throw new ScheduleTimeError(`The clocks skip that time (${zoneLabel}); choose another.`);
}
