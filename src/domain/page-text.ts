/**
 * Reads an article page saved as plain text: headline, optional photo caption, dateline,
 * optional "Updated" dateline, body paragraphs, then page furniture (Top Articles, access ranking).
 * Pure: the caller reads the file.
 *
 * A page of a Japanese edition (issue 13) may carry its dateline as that edition prints it,
 * "2026年1月21日 13:01" with no zone (the site's own), "更新" before its Updated line, and
 * "{section}の注目記事" and "アクセスランキング" as its furniture: the default wordings of
 * edition-labels.ts. An English page reads exactly as before.
 */
import { monthIndex } from './dateline.js';

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
}

export interface PageDateline {
  wallTime: WallTime;
  /** "JST" as printed; null for a Japanese-style dateline, which prints none: the site's own zone. */
  zoneLabel: string | null;
}

export interface ParsedPage {
  headline: string;
  photoCaption: string | null;
  published: PageDateline;
  updated: PageDateline | null;
  /** 1-based line of the dateline, so callers can point at it (e.g. for an unknown zone label). */
  datelineLine: number;
  paragraphs: string[];
  sectionName: string | null;
}

export type PageParseResult = { ok: true; page: ParsedPage } | { ok: false; line: number; message: string };

const MAX_BYTES = 1024 * 1024;
const MAX_HEADLINE_CHARS = 300;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
const DATELINE_EXAMPLE = '"13:01 JST, January 21, 2026"';

// Deliberately looser than a valid dateline (any hour, any word for the month) so that a dateline
// with a bad date is reported as such instead of being taken for a photo caption.
const DATELINE_SHAPE = /^(\d{1,2}):(\d{2}) ([A-Z]{2,5}), ([A-Za-z]+) (\d{1,2}), (\d{4})$/;
// "2026年1月21日 13:01", read after NFKC so that full-width digits, colon and space count too; as loose as the
// English shape (any month or hour number), for the same reason.
const JA_DATELINE_SHAPE = /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(\d{1,2}):(\d{2})$/;
const UPDATED_PREFIX = 'Updated ';
// "更新 2026年1月21日 15:00" as a Japanese article page prints it; a colon after the word is taken too.
const JA_UPDATED_PREFIX = /^更新[\s:：]*/u;
// dotAll: a section name may hold U+2028 and the like, which "." would not match.
const TOP_ARTICLES = /^Top Articles in (.+)$/s;
const JA_TOP_ARTICLES = /^(.+)の注目記事$/s;
const ACCESS_RANKING = /ACCESS RANKING$/;
const JA_ACCESS_RANKING = /アクセスランキング$/;

/** A non-blank, trimmed line with its 1-based number in the file. */
interface Line {
  number: number;
  text: string;
}

type DatelineReading =
  { kind: 'not-a-dateline' } | { kind: 'invalid'; reason: string } | { kind: 'valid'; dateline: PageDateline };

// Thrown by the steps below and caught only in parsePageText, so each step reads straight through.
class PageTextError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export function parsePageText(text: string): PageParseResult {
  try {
    return { ok: true, page: parseOrThrow(text) };
  } catch (error) {
    if (error instanceof PageTextError) return { ok: false, line: error.line, message: error.message };
    throw error;
  }
}

/** Parses "13:01 JST, January 21, 2026" or "2026年1月21日 13:01" (without "Updated "); null when the line is not a dateline. */
export function parseDatelineLine(line: string): PageDateline | null {
  const reading = readDateline(line.trim());
  return reading.kind === 'valid' ? reading.dateline : null;
}

function parseOrThrow(text: string): ParsedPage {
  checkWholeFile(text);
  const lines = splitLines(text);
  const first = lines[0];
  if (first === undefined) throw new PageTextError(0, 'The file is empty.');

  const headline = readHeadline(first);
  const datelineIndex = locateDateline(lines);
  const photoCaption = datelineIndex === 2 ? lineAt(lines, 1).text : null;
  const published = requireDateline(lineAt(lines, datelineIndex), 'dateline');
  const updated = readUpdated(lines[datelineIndex + 1]);
  const bodyStart = datelineIndex + (updated === null ? 1 : 2);
  const { paragraphs, furnitureStart } = collectParagraphs(lines, bodyStart);
  if (paragraphs.length === 0) {
    const marker = lines[furnitureStart];
    if (marker !== undefined) {
      throw new PageTextError(marker.number, `No body paragraphs before "${marker.text}".`);
    }
    throw new PageTextError(lineAt(lines, bodyStart - 1).number, 'No body paragraphs after the dateline.');
  }
  const sectionName = readSectionName(lines.slice(furnitureStart));
  const datelineLine = lineAt(lines, datelineIndex).number;
  return { headline, photoCaption, published, updated, datelineLine, paragraphs, sectionName };
}

function checkWholeFile(text: string): void {
  // Such a file is not an article page at all, so it fails as a whole (line 0) before any line is read.
  if (new TextEncoder().encode(text).byteLength > MAX_BYTES) {
    throw new PageTextError(0, `The file is larger than ${MAX_BYTES} bytes (1 MB).`);
  }
  if (text.includes('\0')) {
    throw new PageTextError(0, 'The file looks binary: it contains NUL bytes.');
  }
}

function splitLines(text: string): Line[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((raw, index) => ({ number: index + 1, text: raw.trim() }))
    .filter((line) => line.text !== '');
}

function readHeadline(line: Line): string {
  if (headlineLooksLikeDateline(line.text)) {
    throw new PageTextError(line.number, 'The headline looks like a dateline; the first line must be the headline.');
  }
  const length = [...line.text].length;
  if (length > MAX_HEADLINE_CHARS) {
    throw new PageTextError(
      line.number,
      `The headline is ${length} characters long; at most ${MAX_HEADLINE_CHARS} are allowed.`,
    );
  }
  return line.text;
}

/** Index into `lines` of the dateline: 1 right after the headline, or 2 when a photo caption comes between. */
function locateDateline(lines: Line[]): 1 | 2 {
  if (lines[1] !== undefined && isDatelineShaped(lines[1].text)) return 1;
  if (lines[2] !== undefined && isDatelineShaped(lines[2].text)) return 2;
  const lastLooked = lines[2] ?? lines[1] ?? lineAt(lines, 0);
  throw new PageTextError(
    lastLooked.number,
    `No dateline like ${DATELINE_EXAMPLE} within the first 3 non-blank lines.`,
  );
}

function readUpdated(line: Line | undefined): PageDateline | null {
  const rest = line === undefined ? null : withoutUpdatedPrefix(line.text);
  // "Updated" followed by something that is not dateline-shaped is an ordinary first paragraph.
  if (line === undefined || rest === null || !isDatelineShaped(rest)) return null;
  return requireDateline({ number: line.number, text: rest }, '"Updated" dateline');
}

/** The line after "Updated " or "更新", or null when it starts with neither. */
function withoutUpdatedPrefix(text: string): string | null {
  if (text.startsWith(UPDATED_PREFIX)) return text.slice(UPDATED_PREFIX.length);
  const ja = JA_UPDATED_PREFIX.exec(text);
  return ja === null ? null : text.slice(ja[0].length);
}

function isDatelineShaped(text: string): boolean {
  return DATELINE_SHAPE.test(text) || JA_DATELINE_SHAPE.test(text.normalize('NFKC'));
}

function collectParagraphs(lines: Line[], start: number): { paragraphs: string[]; furnitureStart: number } {
  const paragraphs: string[] = [];
  let index = start;
  for (; index < lines.length; index++) {
    const text = lineAt(lines, index).text;
    if (isFurnitureMarker(text)) break;
    paragraphs.push(text);
  }
  return { paragraphs, furnitureStart: index };
}

/** The furniture's list items are skipped; only the section name of "Top Articles in X" is kept. */
function readSectionName(furniture: Line[]): string | null {
  for (const line of furniture) {
    const match = TOP_ARTICLES.exec(line.text) ?? JA_TOP_ARTICLES.exec(line.text);
    if (match?.[1] !== undefined) return match[1].trim();
  }
  return null;
}

function isFurnitureMarker(text: string): boolean {
  return [TOP_ARTICLES, JA_TOP_ARTICLES, ACCESS_RANKING, JA_ACCESS_RANKING].some((marker) => marker.test(text));
}

function headlineLooksLikeDateline(text: string): boolean {
  return isDatelineShaped(withoutUpdatedPrefix(text) ?? text);
}

function requireDateline(line: Line, what: string): PageDateline {
  const reading = readDateline(line.text);
  if (reading.kind === 'valid') return reading.dateline;
  const reason = reading.kind === 'invalid' ? reading.reason : `expected the form ${DATELINE_EXAMPLE}`;
  throw new PageTextError(line.number, `Invalid ${what}: ${reason}.`);
}

function readDateline(text: string): DatelineReading {
  const match = DATELINE_SHAPE.exec(text);
  if (match === null) return readJapaneseDateline(text.normalize('NFKC'));
  const [, hourText = '', minuteText = '', zoneLabel = '', monthName = '', dayText = '', yearText = ''] = match;
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const month = monthIndex(monthName);
  const day = Number(dayText);
  const year = Number(yearText);

  if (hour > 23 || minute > 59) return { kind: 'invalid', reason: `${hourText}:${minuteText} is not a time of day` };
  if (month === 0) return { kind: 'invalid', reason: `"${monthName}" is not a month name` };
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return { kind: 'invalid', reason: `the year ${year} is outside ${MIN_YEAR}-${MAX_YEAR}` };
  }
  if (day < 1 || day > daysInMonth(year, month)) {
    return { kind: 'invalid', reason: `${monthName} ${day}, ${year} does not exist` };
  }
  return { kind: 'valid', dateline: { wallTime: { year, month, day, hour, minute }, zoneLabel } };
}

/** "2026年1月21日 13:01": the wall time in the site's zone, as a Japanese edition prints it (no zone label). */
function readJapaneseDateline(text: string): DatelineReading {
  const match = JA_DATELINE_SHAPE.exec(text);
  if (match === null) return { kind: 'not-a-dateline' };
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [number, number, number, number, number];
  if (hour > 23 || minute > 59) return { kind: 'invalid', reason: `${match[4]}:${match[5]} is not a time of day` };
  if (month < 1 || month > 12) return { kind: 'invalid', reason: `${month}月 is not a month` };
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return { kind: 'invalid', reason: `the year ${year} is outside ${MIN_YEAR}-${MAX_YEAR}` };
  }
  if (day < 1 || day > daysInMonth(year, month)) {
    return { kind: 'invalid', reason: `${year}年${month}月${day}日 does not exist` };
  }
  return { kind: 'valid', dateline: { wallTime: { year, month, day, hour, minute }, zoneLabel: null } };
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `lines[index]` where the index is known to be in range. */
function lineAt(lines: Line[], index: number): Line {
  const line = lines[index];
  if (line === undefined) throw new Error(`page-text: line index ${index} out of range`);
  return line;
}
