import { describe, expect, it } from 'vitest';
import { DATELINE, dateline, fixture, HEADLINE, lines, PARAGRAPH } from './page-text.test-support.js';
import { parseDatelineLine, parsePageText } from './page-text.js';

// Pages the importer must refuse, each with the line and the reason it gives, and single dateline lines.

describe('parsePageText on malformed pages', () => {
  it('rejects an empty file', () => {
    expect(parsePageText('')).toEqual({ ok: false, line: 0, message: 'The file is empty.' });
  });

  it('rejects a file of only blank lines and a BOM as empty', () => {
    expect(parsePageText('\uFEFF\r\n  \r\n\t\r\n')).toEqual({ ok: false, line: 0, message: 'The file is empty.' });
  });

  it('rejects a headline longer than 300 characters', () => {
    expect(parsePageText(lines('H'.repeat(301), DATELINE, PARAGRAPH))).toEqual({
      ok: false,
      line: 1,
      message: 'The headline is 301 characters long; at most 300 are allowed.',
    });
  });

  it('rejects a first line that is a dateline instead of a headline', () => {
    expect(parsePageText(fixture('headline-is-dateline'))).toEqual({
      ok: false,
      line: 1,
      message: 'The headline looks like a dateline; the first line must be the headline.',
    });
  });

  it('rejects a first line that is an "Updated" dateline', () => {
    expect(parsePageText(lines('Updated 09:00 JST, August 9, 2025', DATELINE, PARAGRAPH))).toMatchObject({
      ok: false,
      line: 1,
      message: 'The headline looks like a dateline; the first line must be the headline.',
    });
  });

  it('rejects a page with no dateline within the first 3 non-blank lines', () => {
    expect(parsePageText(fixture('no-dateline'))).toEqual({
      ok: false,
      line: 3,
      message: 'No dateline like "13:01 JST, January 21, 2026" within the first 3 non-blank lines.',
    });
  });

  it('rejects a dateline that comes after both a caption and another line', () => {
    expect(parsePageText(lines(HEADLINE, 'Caption', '', 'Stray line', DATELINE, PARAGRAPH))).toMatchObject({
      ok: false,
      line: 4,
    });
  });

  it('rejects a page that is only a headline, pointing at the headline', () => {
    expect(parsePageText(`\n${HEADLINE}\n`)).toMatchObject({ ok: false, line: 2 });
  });

  it('rejects February 30', () => {
    expect(parsePageText(fixture('february-30'))).toEqual({
      ok: false,
      line: 2,
      message: 'Invalid dateline: February 30, 2026 does not exist.',
    });
  });

  it('rejects February 29 outside a leap year', () => {
    expect(parsePageText(lines(HEADLINE, '12:00 UTC, February 29, 2100', PARAGRAPH))).toEqual({
      ok: false,
      line: 2,
      message: 'Invalid dateline: February 29, 2100 does not exist.',
    });
  });

  it('rejects hour 25', () => {
    expect(parsePageText(lines(HEADLINE, '25:00 JST, August 8, 2025', PARAGRAPH))).toEqual({
      ok: false,
      line: 2,
      message: 'Invalid dateline: 25:00 is not a time of day.',
    });
  });

  it('rejects minute 60', () => {
    expect(parsePageText(lines(HEADLINE, '12:60 JST, August 8, 2025', PARAGRAPH))).toEqual({
      ok: false,
      line: 2,
      message: 'Invalid dateline: 12:60 is not a time of day.',
    });
  });

  it('rejects a year before 1900', () => {
    expect(parsePageText(lines(HEADLINE, '12:00 JST, August 8, 1899', PARAGRAPH))).toEqual({
      ok: false,
      line: 2,
      message: 'Invalid dateline: the year 1899 is outside 1900-2100.',
    });
  });

  it('rejects a year after 2100', () => {
    expect(parsePageText(lines(HEADLINE, '12:00 JST, August 8, 2101', PARAGRAPH))).toEqual({
      ok: false,
      line: 2,
      message: 'Invalid dateline: the year 2101 is outside 1900-2100.',
    });
  });

  it('rejects a misspelled month name', () => {
    expect(parsePageText(lines(HEADLINE, '12:00 JST, Agust 8, 2025', PARAGRAPH))).toEqual({
      ok: false,
      line: 2,
      message: 'Invalid dateline: "Agust" is not a month name.',
    });
  });

  it('rejects an invalid date in the "Updated" line, pointing at that line', () => {
    expect(parsePageText(lines(HEADLINE, DATELINE, '', 'Updated 24:10 JST, August 8, 2025', PARAGRAPH))).toEqual({
      ok: false,
      line: 4,
      message: 'Invalid "Updated" dateline: 24:10 is not a time of day.',
    });
  });

  it('counts blank lines and a BOM line when reporting the line number', () => {
    expect(parsePageText(`\uFEFF\r\n\r\n${HEADLINE}\r\n31:00 JST, August 8, 2025\r\n${PARAGRAPH}`)).toMatchObject({
      ok: false,
      line: 4,
    });
  });

  it('rejects a page with no body paragraphs before the page furniture', () => {
    expect(parsePageText(fixture('no-body'))).toEqual({
      ok: false,
      line: 4,
      message: 'No body paragraphs before "Top Articles in Weather".',
    });
  });

  it('rejects a page that ends right after the dateline, pointing at the dateline', () => {
    expect(parsePageText(lines(HEADLINE, 'Caption', DATELINE, ''))).toEqual({
      ok: false,
      line: 3,
      message: 'No body paragraphs after the dateline.',
    });
  });

  it('rejects a page that ends right after the "Updated" line, pointing at that line', () => {
    expect(parsePageText(lines(HEADLINE, DATELINE, 'Updated 22:00 JST, August 8, 2025'))).toEqual({
      ok: false,
      line: 3,
      message: 'No body paragraphs after the dateline.',
    });
  });

  it('rejects a binary file', () => {
    expect(parsePageText(fixture('binary'))).toEqual({
      ok: false,
      line: 0,
      message: 'The file looks binary: it contains NUL bytes.',
    });
  });

  it('rejects a file over 1 MB', () => {
    const text = lines(HEADLINE, DATELINE, 'x'.repeat(1024 * 1024));
    expect(parsePageText(text)).toEqual({
      ok: false,
      line: 0,
      message: 'The file is larger than 1048576 bytes (1 MB).',
    });
  });

  it('measures the size in UTF-8 bytes, not characters', () => {
    const text = lines(HEADLINE, DATELINE, 'é'.repeat(600_000));
    expect(text.length).toBeLessThan(1024 * 1024);
    expect(parsePageText(text)).toMatchObject({ ok: false, line: 0 });
  });
});

describe('parseDatelineLine', () => {
  it('reads the wall time and zone label of a dateline', () => {
    expect(parseDatelineLine('13:01 JST, January 21, 2026')).toEqual(dateline(2026, 1, 21, 13, 1, 'JST'));
  });

  it('ignores surrounding whitespace', () => {
    expect(parseDatelineLine('  07:30 BST, June 3, 2025 \r')).toEqual(dateline(2025, 6, 3, 7, 30, 'BST'));
  });

  it('accepts zone labels of 2 to 5 upper-case letters', () => {
    expect(parseDatelineLine('10:00 UK, May 1, 2025')?.zoneLabel).toBe('UK');
    expect(parseDatelineLine('10:00 ACDTX, May 1, 2025')?.zoneLabel).toBe('ACDTX');
  });

  it('returns null for zone labels that are too short, too long or lower-case', () => {
    expect(parseDatelineLine('10:00 Z, May 1, 2025')).toBeNull();
    expect(parseDatelineLine('10:00 ABCDEF, May 1, 2025')).toBeNull();
    expect(parseDatelineLine('10:00 jst, May 1, 2025')).toBeNull();
  });

  it('returns null for an abbreviated month', () => {
    expect(parseDatelineLine('10:00 JST, Jan 21, 2026')).toBeNull();
  });

  it('returns null for a date that does not exist', () => {
    expect(parseDatelineLine('10:00 JST, April 31, 2026')).toBeNull();
  });

  it('returns null for a line with the "Updated" prefix', () => {
    expect(parseDatelineLine('Updated 10:00 JST, May 1, 2025')).toBeNull();
  });

  it('returns null for ordinary text', () => {
    expect(parseDatelineLine(PARAGRAPH)).toBeNull();
  });
});
