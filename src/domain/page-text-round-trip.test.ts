import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePageText } from './page-text.js';
import type { PageDateline, ParsedPage } from './page-text.js';

describe('parsePageText round trip', () => {
  const MONTH_NAMES = [
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
      .filter(
        (s) =>
          s.trim() === s &&
          s !== '' &&
          !/[\r\n\0]/.test(s) &&
          !/^(Updated )?\d{1,2}:\d{2} /.test(s) &&
          !/^(更新[\s:：]*)?\d{4}年/.test(s.normalize('NFKC')),
      );
  // Nor page furniture, in English or in a Japanese edition's words.
  const arbitraryParagraph = arbitraryLine(120).filter(
    (s) =>
      !s.startsWith('Top Articles in ') &&
      !s.endsWith('ACCESS RANKING') &&
      !/.の注目記事$/su.test(s) &&
      !s.endsWith('アクセスランキング'),
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
