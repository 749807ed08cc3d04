import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDatelineLine, parsePageText } from './page-text.js';
import type { PageDateline, ParsedPage } from './page-text.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/pages/${name}.txt`, import.meta.url), 'utf8');

const lines = (...texts: string[]): string => texts.join('\n');

const parsed = (text: string): ParsedPage => {
  const result = parsePageText(text);
  if (!result.ok) throw new Error(`expected the page to parse, got line ${result.line}: ${result.message}`);
  return result.page;
};

const HEADLINE = 'Coastal Town Opens Its First Public Observatory';
const DATELINE = '21:15 JST, August 8, 2025';
const PARAGRAPH = 'The observatory sits on a hill above the harbor and opens to visitors every clear night.';

const dateline = (
  year: number, month: number, day: number, hour: number, minute: number, zoneLabel: string,
): PageDateline => ({ wallTime: { year, month, day, hour, minute }, zoneLabel });

describe('parsePageText on well-formed pages', () => {
  it('reads every part of a full page', () => {
    expect(parsed(fixture('full'))).toEqual({
      headline: 'Harbor City Reopens Century-Old Tram Line After Three-Year Restoration',
      photoCaption: 'Restored tram car No. 7 waits at Pier Street terminus',
      published: dateline(2026, 3, 14, 8, 45, 'CET'),
      updated: dateline(2026, 3, 14, 17, 20, 'CET'),
      paragraphs: [
        'The Harbor City tram line, closed since a storm damaged its overhead wires, carried passengers again on Saturday morning.',
        'City engineers replaced more than four kilometers of track and rebuilt two wooden waiting shelters in their original style.',
        'Mayor Ilse Vandermeer rode the first car from Pier Street to the botanical garden and called the line "a piece of the city we nearly lost."',
        'Trams will run every twelve minutes on weekdays, and a single ride costs the same as a bus ticket.',
      ],
      sectionName: 'Science',
      datelineLine: 3,
    });
  });

  it('has no photo caption when the dateline directly follows the headline', () => {
    expect(parsed(fixture('minimal')).photoCaption).toBeNull();
  });

  it('takes the line between headline and dateline as the photo caption', () => {
    expect(parsed(lines(HEADLINE, 'The dome at dusk', DATELINE, PARAGRAPH)).photoCaption).toBe('The dome at dusk');
  });

  it('has no updated dateline when no "Updated" line follows the dateline', () => {
    expect(parsed(fixture('minimal')).updated).toBeNull();
  });

  it('reads an "Updated" line right after the dateline as the updated dateline', () => {
    const page = parsed(lines(HEADLINE, DATELINE, 'Updated 23:40 JST, August 8, 2025', PARAGRAPH));
    expect(page.updated).toEqual(dateline(2025, 8, 8, 23, 40, 'JST'));
    expect(page.paragraphs).toEqual([PARAGRAPH]);
  });

  it('treats a first paragraph that merely starts with "Updated" as body text', () => {
    const page = parsed(lines(HEADLINE, DATELINE, 'Updated telescopes arrived last week.', PARAGRAPH));
    expect(page.updated).toBeNull();
    expect(page.paragraphs).toEqual(['Updated telescopes arrived last week.', PARAGRAPH]);
  });

  it('runs the body to the end of the file when there is no page furniture', () => {
    const page = parsed(fixture('minimal'));
    expect(page.paragraphs).toEqual([
      'The central library will stay open until nine in the evening on Saturdays starting next week.',
      'Staff said the change follows a survey in which most readers asked for later hours.',
    ]);
    expect(page.sectionName).toBeNull();
  });

  it('ends the body at a "Top Articles in X" line and takes X as the section name', () => {
    const page = parsed(lines(HEADLINE, DATELINE, PARAGRAPH, 'Top Articles in Culture', '-', 'Another story', '-'));
    expect(page.paragraphs).toEqual([PARAGRAPH]);
    expect(page.sectionName).toBe('Culture');
  });

  it('ends the body at a line ending in ACCESS RANKING, leaving the section unknown', () => {
    const page = parsed(fixture('ranking-only'));
    expect(page.paragraphs).toHaveLength(2);
    expect(page.paragraphs.at(-1)).toBe(
      "The regional growers' association estimates the harvest will be about a fifth smaller than last year.",
    );
    expect(page.sectionName).toBeNull();
  });

  it('takes the section name from "Top Articles in X" even when it follows the access ranking', () => {
    const page = parsed(lines(HEADLINE, DATELINE, PARAGRAPH, 'JN ACCESS RANKING', '-', 'A story', '-', 'Top Articles in Sports', '-'));
    expect(page.sectionName).toBe('Sports');
  });

  it('skips the furniture list items entirely', () => {
    const page = parsed(fixture('full'));
    expect(page.paragraphs.join(' ')).not.toContain('Seabird');
    expect(page.paragraphs.join(' ')).not.toContain('Ferry');
  });

  it('ignores blank lines between paragraphs', () => {
    expect(parsed(lines(HEADLINE, DATELINE, PARAGRAPH, '', '', 'Second paragraph.')).paragraphs).toEqual([
      PARAGRAPH,
      'Second paragraph.',
    ]);
  });

  it('ignores leading and trailing blank lines', () => {
    expect(parsed(`\n\n${lines(HEADLINE, DATELINE, PARAGRAPH)}\n\n\n`)).toMatchObject({
      headline: HEADLINE,
      paragraphs: [PARAGRAPH],
    });
  });

  it('strips a UTF-8 byte order mark', () => {
    expect(parsed(`\uFEFF${lines(HEADLINE, DATELINE, PARAGRAPH)}`).headline).toBe(HEADLINE);
  });

  it('accepts CRLF line endings', () => {
    expect(parsed([HEADLINE, DATELINE, PARAGRAPH].join('\r\n')).paragraphs).toEqual([PARAGRAPH]);
  });

  it('trims trailing whitespace from every line', () => {
    expect(parsed(lines(`${HEADLINE}  `, `${DATELINE}\t`, `${PARAGRAPH} `))).toMatchObject({
      headline: HEADLINE,
      published: dateline(2025, 8, 8, 21, 15, 'JST'),
      paragraphs: [PARAGRAPH],
    });
  });

  it('reads a Windows-saved page with a BOM, CRLF, stray whitespace and blank lines', () => {
    expect(parsed(fixture('windows-bom-crlf'))).toEqual({
      headline: 'Rail Operator Adds Late-Night Service on Weekends',
      photoCaption: 'A platform at Central Station shortly before midnight',
      published: dateline(2025, 12, 31, 23, 50, 'KST'),
      updated: null,
      paragraphs: [
        'The rail operator will run two extra trains after midnight on Fridays and Saturdays.',
        'The trial period lasts three months, after which ridership figures will be reviewed.',
      ],
      sectionName: 'Transport',
      datelineLine: 5,
    });
  });

  it('accepts February 29 in a leap year', () => {
    expect(parsed(lines(HEADLINE, '12:00 UTC, February 29, 2024', PARAGRAPH)).published.wallTime.day).toBe(29);
  });

  it('accepts the first and last years of the allowed range', () => {
    expect(parsed(lines(HEADLINE, '00:00 UTC, January 1, 1900', PARAGRAPH)).published.wallTime.year).toBe(1900);
    expect(parsed(lines(HEADLINE, '23:59 UTC, December 31, 2100', PARAGRAPH)).published.wallTime.year).toBe(2100);
  });

  it('accepts a headline of exactly 300 characters', () => {
    expect(parsed(lines('H'.repeat(300), DATELINE, PARAGRAPH)).headline).toHaveLength(300);
  });

  it('accepts a file of exactly 1 MB', () => {
    const head = lines(HEADLINE, DATELINE, '');
    const text = head + 'x'.repeat(1024 * 1024 - head.length);
    expect(parsed(text).paragraphs[0]).toHaveLength(1024 * 1024 - head.length);
  });
});

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

describe('parsePageText round trip', () => {
  const MONTH_NAMES = [
    'January', 'February', 'March', 'April', 'May', 'June',
    'July', 'August', 'September', 'October', 'November', 'December',
  ];
  const pad = (n: number): string => String(n).padStart(2, '0');
  const render = ({ wallTime: t, zoneLabel }: PageDateline): string =>
    `${pad(t.hour)}:${pad(t.minute)} ${zoneLabel}, ${MONTH_NAMES[t.month - 1]} ${t.day}, ${t.year}`;

  const arbitraryDateline: fc.Arbitrary<PageDateline> = fc
    .record({ year: fc.integer({ min: 1900, max: 2100 }), month: fc.integer({ min: 1, max: 12 }) })
    .chain(({ year, month }) =>
      fc.record({
        wallTime: fc.record({
          year: fc.constant(year),
          month: fc.constant(month),
          day: fc.integer({ min: 1, max: new Date(Date.UTC(year, month, 0)).getUTCDate() }),
          hour: fc.integer({ min: 0, max: 23 }),
          minute: fc.integer({ min: 0, max: 59 }),
        }),
        zoneLabel: fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 2, maxLength: 5 }),
      }),
    );

  // A line of text as the format can carry it: trimmed, non-blank, one line, no NUL, not dateline-like.
  const arbitraryLine = (maxLength: number): fc.Arbitrary<string> =>
    fc
      .oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength }), fc.string({ minLength: 1, maxLength }))
      .filter((s) => s.trim() === s && s !== '' && !/[\r\n\0]/.test(s) && !/^(Updated )?\d{1,2}:\d{2} /.test(s));
  const arbitraryParagraph = arbitraryLine(120).filter(
    (s) => !s.startsWith('Top Articles in ') && !s.endsWith('ACCESS RANKING'),
  );

  it('parses any rendered page back to the values it was rendered from', () => {
    fc.assert(
      fc.property(
        fc.record({
          headline: arbitraryLine(100),
          photoCaption: fc.option(arbitraryLine(80), { nil: null }),
          published: arbitraryDateline,
          updated: fc.option(arbitraryDateline, { nil: null }),
          paragraphs: fc.array(arbitraryParagraph, { minLength: 1, maxLength: 6 }),
          sectionName: fc.option(arbitraryLine(30), { nil: null }),
        }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (page: Omit<ParsedPage, 'datelineLine'>, eol, blankLinesBetweenParagraphs) => {
          const text = [
            page.headline,
            ...(page.photoCaption === null ? [] : [page.photoCaption]),
            render(page.published),
            ...(page.updated === null ? [] : [`Updated ${render(page.updated)}`]),
            page.paragraphs.join(blankLinesBetweenParagraphs ? `${eol}${eol}` : eol),
            ...(page.sectionName === null ? [] : [`Top Articles in ${page.sectionName}`, '-', 'Other story', '-']),
            'XY ACCESS RANKING',
            '-',
            'Popular story',
            '-',
          ].join(eol);
          const datelineLine = page.photoCaption === null ? 2 : 3;
          expect(parsePageText(text)).toEqual({ ok: true, page: { ...page, datelineLine } });
        },
      ),
    );
  });
});
