import { parsePosixZone, type PosixZoneRule } from './posix-tz.js';

/**
 * A zone's rules read from a TZif file (RFC 8536), the form the IANA time zone database is installed in on Linux and
 * macOS (/usr/share/zoneinfo): a list of transitions and, from version 2 on, a footer rule for the time after them.
 * Record 0030, "Later: dates without ICU", says why datelines read these rather than Intl.
 */
export interface ZoneRules {
  /** Seconds east of UTC at an instant given in seconds since the epoch. */
  offsetAt(epochSeconds: number): number;
}

const MAGIC = 0x545a6966; // "TZif"
const HEADER_BYTES = 44;

interface Counts {
  isut: number;
  isstd: number;
  leap: number;
  time: number;
  type: number;
  char: number;
}

const readCounts = (view: DataView, at: number): Counts | null => {
  if (at + HEADER_BYTES > view.byteLength || view.getUint32(at) !== MAGIC) return null;
  const [isut, isstd, leap, time, type, char] = [20, 24, 28, 32, 36, 40].map((o) => view.getUint32(at + o));
  return { isut: isut!, isstd: isstd!, leap: leap!, time: time!, type: type!, char: char! };
};

/** The bytes of a data block after its header, with times of `timeBytes` each. */
const blockBytes = (c: Counts, timeBytes: number): number =>
  c.time * timeBytes + c.time + c.type * 6 + c.char + c.leap * (timeBytes + 4) + c.isstd + c.isut;

/**
 * Parses a TZif file; null for anything that is not one this reader can answer from exactly (a file with leap
 * seconds, the "right/" zones, counts them in its times; a truncated or inconsistent file), so that the caller asks
 * ICU instead.
 */
export const parseTzif = (bytes: Uint8Array): ZoneRules | null => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = readCounts(view, 0);
  if (!first) return null;
  const version = bytes[4]!;
  let counts = first;
  let at = HEADER_BYTES;
  let timeBytes = 4;
  if (version !== 0) {
    const second = readCounts(view, HEADER_BYTES + blockBytes(first, 4));
    if (!second) return null;
    counts = second;
    at = HEADER_BYTES * 2 + blockBytes(first, 4);
    timeBytes = 8;
  }
  if (counts.leap > 0 || counts.type === 0 || at + blockBytes(counts, timeBytes) > bytes.length) return null;
  const footerStart = at + blockBytes(counts, timeBytes);

  const times = new Float64Array(counts.time);
  for (let i = 0; i < counts.time; i++) {
    times[i] = timeBytes === 8 ? Number(view.getBigInt64(at + i * 8)) : view.getInt32(at + i * 4);
  }
  at += counts.time * timeBytes;
  const typeOf = bytes.subarray(at, at + counts.time);
  at += counts.time;
  const offsets: number[] = [];
  for (let i = 0; i < counts.type; i++) offsets.push(view.getInt32(at + i * 6));
  if (typeOf.some((t) => t >= counts.type)) return null;
  for (let i = 1; i < times.length; i++) if (times[i]! <= times[i - 1]!) return null;

  let footer: PosixZoneRule | null = null;
  if (version !== 0) {
    const text = new TextDecoder().decode(bytes.subarray(footerStart));
    const m = /^\n([^\n]*)\n/.exec(text);
    if (m && m[1] !== '') footer = parsePosixZone(m[1]!);
  }

  const last = times.length - 1;
  return {
    offsetAt(epochSeconds) {
      // RFC 8536: type 0 before the first transition; the footer, when there is one, after the last.
      if (last < 0 || epochSeconds < times[0]!) return footer && last < 0 ? footer.offsetAt(epochSeconds) : offsets[0]!;
      if (epochSeconds >= times[last]! && footer) return footer.offsetAt(epochSeconds);
      let low = 0;
      let high = last;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (times[mid]! <= epochSeconds) low = mid;
        else high = mid - 1;
      }
      return offsets[typeOf[low]!]!;
    },
  };
};
