import { describe, expect, it } from 'vitest';
import { DATELINE, dateline, fixture, HEADLINE, lines, PARAGRAPH } from './page-text.test-support.js';
import { parsePageText } from './page-text.js';
import type { ParsedPage } from './page-text.js';

const parsed = (text: string): ParsedPage => {
  const result = parsePageText(text);
  if (!result.ok) throw new Error(`expected the page to parse, got line ${result.line}: ${result.message}`);
  return result.page;
};

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
    const page = parsed(
      lines(HEADLINE, DATELINE, PARAGRAPH, 'JN ACCESS RANKING', '-', 'A story', '-', 'Top Articles in Sports', '-'),
    );
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
