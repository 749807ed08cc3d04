import { renderToString } from 'preact-render-to-string';
import type { ArticleSummary, Section } from '../../domain/article.js';
import type { ArticleRenderMeta } from '../../domain/article-render-meta.js';
import { renderDocument } from '../../views/render.js';
import { ArticlePage, type ArticlePageProps } from '../../views/reader/ArticlePage.js';
import {
  ARTICLE_HOLES,
  BeaconScript,
  EndItem,
  EndLists,
  holeMark,
  type ArticleHole,
} from '../../views/reader/ArticleDynamic.js';
import { AccessRankingBox } from '../../views/reader/AccessRankingBox.js';
import { TopArticlesBox } from '../../views/reader/TopArticlesBox.js';
import { editionWords } from '../../views/shared/edition-chrome.js';
import type { PageChrome } from '../../views/shared/Layout.js';
import { deflatePiece, lightPiece, stitchGzip, storedPiece, type DeflatedPiece } from '../stitched-gzip.js';

/** What an article page keeps: the pieces between its holes, in page order (one more than the holes). */
export type KeptPieces = DeflatedPiece[];

/** The props an article page is rendered with to be kept: everything but what fills its holes. */
export type KeptPageProps = Omit<
  ArticlePageProps,
  'related' | 'moreInSection' | 'topInSection' | 'accessRanking' | 'beacon' | 'holes'
>;

/**
 * The page rendered with its holes marked (ArticleDynamic.tsx), cut at the marks and each piece deflated: what the
 * `article_render` table keeps. Null when the marks are not all there once, in order (a theme or plugin that
 * printed one): such a page is answered from a whole render and never kept.
 */
export const renderKeptPieces = (props: KeptPageProps): KeptPieces | null => {
  const html = renderDocument(
    <ArticlePage
      {...props}
      related={[]}
      moreInSection={[]}
      topInSection={[]}
      accessRanking={[]}
      beacon={{ src: '', token: '' }}
      holes
    />,
  );
  const texts: string[] = [];
  let from = 0;
  for (const hole of ARTICLE_HOLES) {
    const mark = holeMark(hole);
    const at = html.indexOf(mark, from);
    if (at < 0) return null;
    texts.push(html.slice(from, at));
    from = at + mark.length;
  }
  texts.push(html.slice(from));
  if (texts.some((t) => t.includes('\u0000hole:'))) return null;
  return texts.map((t) => deflatePiece(t));
};

/** What fills the holes of one answer. */
export interface HoleFill {
  end: DeflatedPiece;
  top: DeflatedPiece;
  ranking: DeflatedPiece;
  beacon: DeflatedPiece;
}

/** Items kept at most before the memo starts again: a few hundred KB. */
const MAX_END_ITEMS = 5_000;
/** End pieces kept at most before the memo starts again: about a KB each. */
const MAX_END_PIECES = 2_000;

/** Where a list's items go in a rendered end template; NUL never reaches a rendered page (ArticleDynamic.tsx). */
const ITEMS_MARK = '\u0000items\u0000';

const idsOf = (list: ArticleSummary[]): string => list.map((a) => a.id).join(',');

/**
 * "Related" and "More in {Section}" of each answer, as its deflated piece, made from parts kept per content version:
 * each story's EndItem rendered once per edition (the stories of the end lists recur across the pages of a section,
 * and rendering their items, Preact and `Intl` for each date, was a tenth of an archive page's answer), the lists'
 * frame (headings, the way to the section front) rendered once per edition, section and shape, with a mark where
 * the items go, and the piece itself kept by the stories it lists. A summary does not change within a content
 * version; its edition's words and zone neither. Measured on the archive walk: rendering the frame with Preact at
 * each answer cost about 50 µs of its ~1 ms; joining the items and deflating them at each answer, an eighth of it
 * (the same lists recur: Related is the newest of an article's tags, More in the newest of its section).
 */
export const createEndLists = () => {
  let version = -1;
  let items = new Map<string, Buffer>();
  let frames = new Map<string, Buffer[]>();
  let pieces = new Map<string, DeflatedPiece>();
  return (
    contentVersion: number,
    chrome: PageChrome,
    boxSection: Section,
    related: ArticleSummary[],
    moreInSection: ArticleSummary[],
  ): DeflatedPiece => {
    if (contentVersion !== version || items.size > MAX_END_ITEMS || pieces.size > MAX_END_PIECES) {
      version = contentVersion;
      items = new Map();
      frames = new Map();
      pieces = new Map();
    }
    const edition = chrome.edition?.id ?? 0;
    const key = `${edition} ${boxSection.id} ${idsOf(related)} ${idsOf(moreInSection)}`;
    let piece = pieces.get(key);
    if (piece === undefined) {
      piece = lightPiece(endListsBytes(edition, chrome, boxSection, related, moreInSection));
      pieces.set(key, piece);
    }
    return piece;
  };

  /** The lists' UTF-8 bytes, joined from kept parts into a buffer kept for the process: valid until the next call. */
  function endListsBytes(
    edition: number,
    chrome: PageChrome,
    boxSection: Section,
    related: ArticleSummary[],
    moreInSection: ArticleSummary[],
  ): Buffer {
    const itemBytes = (a: ArticleSummary): Buffer => {
      const key = `${edition} ${a.id}`;
      let item = items.get(key);
      if (item === undefined) {
        item = Buffer.from(renderToString(<EndItem article={a} settings={chrome.settings} />));
        items.set(key, item);
      }
      return item;
    };
    const shape = `${edition} ${boxSection.id} ${related.length > 0 ? 'r' : '-'}${moreInSection.length > 0 ? 'm' : '-'}`;
    let frame = frames.get(shape);
    if (frame === undefined) {
      // One stand-in story per list, whose item is the mark: the frame cut at the marks.
      const standIn = related[0] ?? moreInSection[0];
      const parts = standIn
        ? renderEndLists(
            chrome,
            boxSection,
            related.length ? [standIn] : [],
            moreInSection.length ? [standIn] : [],
            () => ITEMS_MARK,
          ).split(ITEMS_MARK)
        : [''];
      frame = parts.map((part) => Buffer.from(part));
      frames.set(shape, frame);
    }
    const parts: Buffer[] = [frame[0]!];
    [related, moreInSection]
      .filter((list) => list.length > 0)
      .forEach((list, i) => {
        for (const a of list) parts.push(itemBytes(a));
        parts.push(frame[i + 1]!);
      });
    let length = 0;
    for (const part of parts) length += part.byteLength;
    if (length > joined.byteLength) joined = Buffer.allocUnsafeSlow(length * 2);
    let at = 0;
    for (const part of parts) at += part.copy(joined, at);
    return joined.subarray(0, at);
  }
};

/** Where the end lists' bytes are joined (endListsBytes): deflated at once, never kept. */
let joined = Buffer.allocUnsafeSlow(16 * 1024);

/** The end lists rendered whole: with `itemHtml`, each story's item as that returns it. */
const renderEndLists = (
  chrome: PageChrome,
  boxSection: Section,
  related: ArticleSummary[],
  moreInSection: ArticleSummary[],
  itemHtml?: (a: ArticleSummary) => string,
): string => {
  const words = editionWords(chrome);
  return renderToString(
    <EndLists
      related={related}
      moreInSection={moreInSection}
      boxSection={boxSection}
      boxSectionPath={words.path(`/${boxSection.slug}/`)}
      settings={chrome.settings}
      labels={words.labels}
      {...(itemHtml ? { itemHtml } : {})}
    />,
  );
};

/** The "Top Articles in …" box of a section, as every article page of it shows it (the article itself left out). */
export const topPiece = (chrome: PageChrome, boxSection: Section, articles: ArticleSummary[]): DeflatedPiece =>
  deflatePiece(
    renderToString(
      <TopArticlesBox title={editionWords(chrome).topArticlesHeading(boxSection.name)} articles={articles} />,
    ),
  );

/** The edition's ACCESS RANKING box. */
export const rankingPiece = (chrome: PageChrome, articles: ArticleSummary[]): DeflatedPiece =>
  deflatePiece(renderToString(<AccessRankingBox chrome={chrome} articles={articles} />));

/** Where the article's id and the token go in a rendered beacon tag: marks no id or token holds. */
const ID_MARK = '\u0000id\u0000';
const TOKEN_MARK = '\u0000token\u0000';
let beaconTemplate: { src: string; parts: string[] } | null = null;

/**
 * The view beacon's script tag, with the token signed for this answer: rendered once per script address with marks,
 * and filled at each answer (an id's digits and a token's letters, digits, dots, dashes and underscores need no
 * escaping in an attribute).
 */
export const beaconPiece = (src: string, articleId: number, token: string): DeflatedPiece => {
  if (beaconTemplate?.src !== src) {
    const html = renderToString(<BeaconScript src={src} articleId={ID_MARK} token={TOKEN_MARK} />);
    const [before = '', rest = ''] = html.split(ID_MARK);
    const [between = '', after = ''] = rest.split(TOKEN_MARK);
    beaconTemplate = { src, parts: [before, between, after] };
  }
  const [before, between, after] = beaconTemplate.parts;
  return storedPiece(`${before}${articleId}${between}${token}${after}`);
};

/** The whole page in gzip, from its kept pieces and this answer's holes, and its length as it is. */
export const stitchArticle = (kept: KeptPieces, fill: HoleFill): { gzip: Buffer; length: number } => {
  const pieces: DeflatedPiece[] = [kept[0]!];
  ARTICLE_HOLES.forEach((hole: ArticleHole, i) => pieces.push(fill[hole], kept[i + 1]!));
  let length = 0;
  for (const piece of pieces) length += piece.length;
  return { gzip: stitchGzip(pieces), length };
};

/** The meta a kept page is stored with (domain/article-render-meta.ts). */
export type { ArticleRenderMeta };
