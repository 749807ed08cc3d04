import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zonedParts } from './dateline.js';
import { editionDateline } from './edition-dates.js';
import { DATELINE, dateline, HEADLINE, lines, PARAGRAPH } from './page-text.test-support.js';
import { parseDatelineLine, parsePageText, type ParsedPage } from './page-text.js';

const parsed = (text: string): ParsedPage => {
  const result = parsePageText(text);
  if (!result.ok) throw new Error(`expected the page to parse, got line ${result.line}: ${result.message}`);
  return result.page;
};

const JA_HEADLINE = '防衛省、南西諸島周辺の海空を監視する統合部隊を新設へ';
const JA_PARAGRAPH =
  '防衛省は来年度、南西諸島周辺の艦船や航空機の動きを一元的に監視する統合部隊を新設する方針を固めた。';

describe('parsePageText on a Japanese edition’s page', () => {
  it('reads the Japanese dateline as a wall time in the site’s own zone (no label)', () => {
    const page = parsed(lines(JA_HEADLINE, '2026年1月21日 13:01', JA_PARAGRAPH));
    expect(page.published).toEqual(dateline(2026, 1, 21, 13, 1, null));
    expect(page.paragraphs).toEqual([JA_PARAGRAPH]);
  });

  it('reads the English dateline on a Japanese page as before', () => {
    const page = parsed(lines(JA_HEADLINE, '13:01 JST, January 21, 2026', JA_PARAGRAPH));
    expect(page.published).toEqual(dateline(2026, 1, 21, 13, 1, 'JST'));
  });

  it('takes full-width digits, a full-width colon and an ideographic space', () => {
    expect(parseDatelineLine('２０２６年１月２１日\u3000９：０５')).toEqual(dateline(2026, 1, 21, 9, 5, null));
  });

  it('reads "更新" before the Updated dateline, in either style', () => {
    const ja = parsed(lines(JA_HEADLINE, '2026年1月21日 13:01', '更新 2026年1月21日 15:30', JA_PARAGRAPH));
    expect(ja.updated).toEqual(dateline(2026, 1, 21, 15, 30, null));
    expect(ja.paragraphs).toEqual([JA_PARAGRAPH]);
    const en = parsed(lines(JA_HEADLINE, '2026年1月21日 13:01', 'Updated 15:30 JST, January 21, 2026', JA_PARAGRAPH));
    expect(en.updated).toEqual(dateline(2026, 1, 21, 15, 30, 'JST'));
  });

  it('keeps a first paragraph that merely starts with 更新 as body text', () => {
    const page = parsed(lines(JA_HEADLINE, '2026年1月21日 13:01', '更新された計画は来月公表される。', JA_PARAGRAPH));
    expect(page.updated).toBeNull();
    expect(page.paragraphs[0]).toBe('更新された計画は来月公表される。');
  });

  it('ends the body at "{section}の注目記事" and takes the section name from it', () => {
    const page = parsed(
      lines(
        JA_HEADLINE,
        'イラスト：港の風景',
        '2026年1月21日 13:01',
        JA_PARAGRAPH,
        '政治の注目記事',
        '-',
        '別の見出し',
      ),
    );
    expect(page.photoCaption).toBe('イラスト：港の風景');
    expect(page.paragraphs).toEqual([JA_PARAGRAPH]);
    expect(page.sectionName).toBe('政治');
  });

  it('ends the body at アクセスランキング', () => {
    const page = parsed(lines(JA_HEADLINE, '2026年1月21日 13:01', JA_PARAGRAPH, 'アクセスランキング', '-', '見出し'));
    expect(page.paragraphs).toEqual([JA_PARAGRAPH]);
    expect(page.sectionName).toBeNull();
  });

  it('refuses a Japanese date that does not exist, pointing at its line', () => {
    expect(parsePageText(lines(JA_HEADLINE, '2026年2月30日 10:00', JA_PARAGRAPH))).toEqual({
      ok: false,
      line: 2,
      message: 'Invalid dateline: 2026年2月30日 does not exist.',
    });
    expect(parsePageText(lines(JA_HEADLINE, '2026年13月1日 10:00', JA_PARAGRAPH))).toMatchObject({
      ok: false,
      message: 'Invalid dateline: 13月 is not a month.',
    });
    expect(parsePageText(lines(JA_HEADLINE, '2026年1月21日 24:00', JA_PARAGRAPH))).toMatchObject({
      ok: false,
      message: 'Invalid dateline: 24:00 is not a time of day.',
    });
  });

  it('refuses a Japanese dateline as the headline', () => {
    expect(parsePageText(lines('2026年1月21日 13:01', DATELINE, PARAGRAPH))).toMatchObject({ ok: false, line: 1 });
    expect(parsePageText(lines('更新 2026年1月21日 13:01', DATELINE, PARAGRAPH))).toMatchObject({ ok: false, line: 1 });
  });

  it('leaves an English page as it was', () => {
    expect(parsed(lines(HEADLINE, DATELINE, PARAGRAPH)).published).toEqual(dateline(2025, 8, 8, 21, 15, 'JST'));
  });

  it('reads back any dateline a Japanese edition prints, in any zone', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1901-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('Asia/Tokyo', 'UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'),
        (instant, timeZone) => {
          const printed = editionDateline(instant, { timeZone, timeZoneLabel: 'JST', dateStyle: 'ja' });
          const p = zonedParts(instant, timeZone);
          expect(parseDatelineLine(printed)).toEqual(dateline(p.year, p.month, p.day, p.hour, p.minute, null));
        },
      ),
    );
  });
});
