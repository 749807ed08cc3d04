import { renderToString } from 'preact-render-to-string';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ArticleSummary, Section } from '../../domain/article.js';
import { BeaconScript, EndLists } from '../../views/reader/ArticleDynamic.js';
import { editionWords } from '../../views/shared/edition-chrome.js';
import type { PageChrome } from '../../views/shared/Layout.js';
import { inflateMember, stitchGzip, type DeflatedPiece } from '../stitched-gzip.js';
import { beaconPiece, createEndLists } from './article-pieces.js';
import { plainChrome } from '../../../test/support/page-chrome.js';

const chrome: PageChrome = plainChrome;
const politics: Section = { id: 3, slug: 'politics', name: 'Politics', position: 1, parentId: null };

const story = (id: number, headline = `Story number ${id}`): ArticleSummary => ({
  id,
  headline,
  standfirst: null,
  path: `/politics/20261201-${id}/`,
  publishedAt: new Date(Date.UTC(2026, 11, 1, 9, id)),
  sectionName: 'Politics',
  thumbnail: null,
});

/** The lists as the page's own component renders them, whole. */
const whole = (related: ArticleSummary[], more: ArticleSummary[]): string => {
  const words = editionWords(chrome);
  return renderToString(
    <EndLists
      related={related}
      moreInSection={more}
      boxSection={politics}
      boxSectionPath={words.path('/politics/')}
      settings={chrome.settings}
      labels={words.labels}
    />,
  );
};

const text = (piece: DeflatedPiece): string => {
  const bytes = inflateMember(stitchGzip([piece]), piece.length);
  expect(piece.length).toBe(bytes.byteLength);
  expect(piece.crc).toBe(crc32(bytes));
  return bytes.toString('utf8');
};

describe("an article page's end lists, as the piece each answer stitches in", () => {
  it('holds the same markup as the lists rendered whole, in every shape', () => {
    const endLists = createEndLists();
    const related = [story(1), story(2, 'Diet passes the budget — 予算案が成立')];
    const more = [story(5), story(6), story(7)];
    for (const [r, m] of [
      [related, more],
      [related, []],
      [[], more],
      [[], []],
    ] as const) {
      expect(text(endLists(1, chrome, politics, [...r], [...m]))).toBe(whole([...r], [...m]));
    }
  });

  it('is made once for the same stories in a content version, and again for other stories or a new version', () => {
    const endLists = createEndLists();
    const first = endLists(1, chrome, politics, [story(1), story(2)], [story(5)]);
    expect(endLists(1, chrome, politics, [story(1), story(2)], [story(5)])).toBe(first);
    const reordered = endLists(1, chrome, politics, [story(2), story(1)], [story(5)]);
    expect(reordered).not.toBe(first);
    expect(text(reordered)).toBe(whole([story(2), story(1)], [story(5)]));
    // An edit moves the content version: the story's new headline shows.
    const edited = endLists(2, chrome, politics, [story(1, 'Corrected headline'), story(2)], [story(5)]);
    expect(text(edited)).toContain('Corrected headline');
    expect(text(edited)).toBe(whole([story(1, 'Corrected headline'), story(2)], [story(5)]));
  });

  it('keeps its bytes when a longer list comes between two answers', () => {
    const endLists = createEndLists();
    const short = endLists(1, chrome, politics, [story(1)], []);
    const many = Array.from({ length: 60 }, (_, i) =>
      story(100 + i, `A much longer headline for story ${i} `.repeat(4)),
    );
    expect(text(endLists(1, chrome, politics, many, many))).toBe(whole(many, many));
    expect(text(short)).toBe(whole([story(1)], []));
  });
});

describe("the view beacon's piece", () => {
  it('is the tag the component renders, for each article, token and script address', () => {
    for (const [src, id, token] of [
      ['/static/view-beacon.abc.js', 12, 'q3x1.AbC-_def0123456789xyzAB'],
      ['/static/view-beacon.abc.js', 98765, 'q3x2.zzzzzzzzzzzzzzzzzzzzzz'],
      ['/static/view-beacon.def.js', 7, 'q3x3.0000000000000000000000'],
    ] as const) {
      expect(text(beaconPiece(src, id, token))).toBe(
        renderToString(<BeaconScript src={src} articleId={id} token={token} />),
      );
    }
  });
});
