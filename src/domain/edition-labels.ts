/**
 * The words a reader page prints around the news, per language (issue 13): navigation, boxes, share buttons, the
 * error page. Headlines and section names come from the newsroom; these come from here, so a Japanese edition's
 * pages are Japanese throughout without an editor translating "Related".
 *
 * The English ones are the words the pages print today. The two per-edition wordings an editor may change
 * ("Top Articles in {section}", "{shortName} ACCESS RANKING") live in the edition's settings and take their
 * defaults from here.
 */
import { SEARCH_LABELS_EN, SEARCH_LABELS_JA, type SearchLabels } from './search-labels.js';
import { groupDigits } from './digits.js';

export interface ReaderLabels extends SearchLabels {
  /** The edition setting's default: "{shortName}" is replaced by the edition's short name. */
  rankingHeadingTemplate: string;
  /** The edition setting's default: "{section}" is replaced by the section's name in the edition. */
  topArticlesTemplate: string;
  moreRankings: string;
  related: string;
  latest: string;
  topStories: string;
  mostReadAndLatest: string;
  moreIn: (section: string) => string;
  mostReadIn: (section: string) => string;
  rankingWindows: { '1h': string; '24h': string; '7d': string };
  sections: string;
  menu: string;
  footer: string;
  skipToContent: string;
  updated: string;
  shareHeading: string;
  shareSheet: string;
  copyLink: string;
  linkCopied: string;
  opensInNewTab: string;
  corrections: string;
  correctionsHeading: string;
  rssFeed: string;
  atomFeed: string;
  pageOf: (page: number, total: number) => string;
  errorStatus: (status: number) => string;
  pageNotFound: string;
  pageNotFoundMessage: string;
  goHome: string;
  /** The language switch near a headline names the other edition in its own language: this one's name for itself. */
  languageName: string;
  /** The language switch's name: the links to an article's translations. */
  otherLanguages: string;
  noArticlesYet: string;
  nothingInSectionYet: (section: string) => string;
  newerArticles: string;
  olderArticles: string;
  pages: string;
  /** A section front's title past its first page. */
  frontPageTitle: (section: string, page: number) => string;
  latestNewsFrom: (section: string, site: string) => string;
  subsectionsOf: (section: string) => string;
  /** Before the byline's names, with its space. */
  byline: string;
  /** What goes before name `i` of `count` in a byline. */
  nameSeparator: (i: number, count: number) => string;
  topics: string;
  moreArticles: string;
  allStoriesIn: (section: string) => string;
  /** After the error page's link home. */
  orChooseSection: string;
  rankingBySection: string;
  allSections: string;
  views: (count: number) => string;
  noViewsYet: string;
  rankingTitle: (shortName: string) => string;
  readersReading: (site: string) => string;
  noCorrections: string;
  correctionsPublishedBy: (site: string) => string;
  correctionKinds: { correction: string; clarification: string; 'editors-note': string };
  publishedWith: (product: string) => string;
}

const EN: ReaderLabels = {
  rankingHeadingTemplate: '{shortName} ACCESS RANKING',
  topArticlesTemplate: 'Top Articles in {section}',
  moreRankings: 'More rankings',
  related: 'Related',
  latest: 'Latest',
  topStories: 'Top stories',
  mostReadAndLatest: 'Most read and latest',
  moreIn: (section) => `More in ${section}`,
  mostReadIn: (section) => `Most read in ${section}`,
  rankingWindows: { '1h': 'Last hour', '24h': 'Last 24 hours', '7d': 'Last 7 days' },
  sections: 'Sections',
  menu: 'Menu',
  footer: 'Footer',
  skipToContent: 'Skip to content',
  updated: 'Updated',
  shareHeading: 'Share this article',
  shareSheet: 'Share…',
  copyLink: 'Copy link',
  linkCopied: 'Link copied.',
  opensInNewTab: ' (opens in a new tab)',
  corrections: 'Corrections',
  correctionsHeading: 'Corrections and clarifications',
  rssFeed: 'RSS feed',
  atomFeed: 'Atom feed',
  pageOf: (page, total) => `Page ${page} of ${total}`,
  errorStatus: (status) => `Error ${status}`,
  pageNotFound: 'Page not found',
  pageNotFoundMessage: 'We could not find that page. It may have moved, or the address may be mistyped.',
  goHome: 'Go to the home page',
  languageName: 'English',
  otherLanguages: 'This article in other languages',
  noArticlesYet: 'No articles have been published yet.',
  nothingInSectionYet: (section) => `Nothing has been published in ${section} yet.`,
  newerArticles: 'Newer articles',
  olderArticles: 'Older articles',
  pages: 'Pages',
  frontPageTitle: (section, page) => `${section} — page ${page}`,
  latestNewsFrom: (section, site) => `The latest ${section} news from ${site}.`,
  subsectionsOf: (section) => `${section} subsections`,
  byline: 'By ',
  nameSeparator: (i, count) => (i === 0 ? '' : i === count - 1 ? ' and ' : ', '),
  topics: 'Topics',
  moreArticles: 'More articles',
  allStoriesIn: (section) => `All stories in ${section}`,
  orChooseSection: ', or choose a section below.',
  rankingBySection: 'Ranking by section',
  allSections: 'All sections',
  views: (count) => (count === 1 ? '1 view' : `${groupDigits(count)} views`),
  noViewsYet: 'No views counted in this period yet.',
  rankingTitle: (shortName) => `${shortName} Access Ranking`,
  readersReading: (site) => `What readers of ${site} are reading now.`,
  noCorrections: 'No corrections have been published.',
  correctionsPublishedBy: (site) => `Corrections and clarifications published by ${site}.`,
  correctionKinds: { correction: 'Correction', clarification: 'Clarification', 'editors-note': "Editor's note" },
  publishedWith: (product) => `Published with ${product}.`,
  ...SEARCH_LABELS_EN,
};

// Written as a Japanese newspaper site words them: 注目記事 and 新着 for the boxes, 訂正・おわび for corrections
// (the heading Japanese papers print over theirs), ジャンル for the sections menu.
const JA: ReaderLabels = {
  rankingHeadingTemplate: 'アクセスランキング',
  topArticlesTemplate: '{section}の注目記事',
  moreRankings: 'ランキングをもっと見る',
  related: '関連記事',
  latest: '新着記事',
  topStories: '主なニュース',
  mostReadAndLatest: 'よく読まれている記事と新着記事',
  moreIn: (section) => `${section}の新着記事`,
  mostReadIn: (section) => `${section}でよく読まれている記事`,
  rankingWindows: { '1h': '1時間', '24h': '24時間', '7d': '7日間' },
  sections: 'ジャンル',
  menu: 'メニュー',
  footer: 'フッター',
  skipToContent: '本文へ移動',
  updated: '更新',
  shareHeading: 'この記事を共有する',
  shareSheet: '共有…',
  copyLink: 'リンクをコピー',
  linkCopied: 'リンクをコピーしました。',
  opensInNewTab: '（新しいタブで開きます）',
  corrections: '訂正・おわび',
  correctionsHeading: '訂正・おわび',
  rssFeed: 'RSSフィード',
  atomFeed: 'Atomフィード',
  pageOf: (page, total) => `${page} / ${total}ページ`,
  errorStatus: (status) => `エラー ${status}`,
  pageNotFound: 'ページが見つかりません',
  pageNotFoundMessage: 'お探しのページは見つかりませんでした。移動したか、アドレスが間違っている可能性があります。',
  goHome: 'トップページへ',
  languageName: '日本語',
  otherLanguages: 'この記事の他の言語版',
  noArticlesYet: 'まだ記事が公開されていません。',
  nothingInSectionYet: (section) => `${section}の記事はまだありません。`,
  newerArticles: '新しい記事',
  olderArticles: '以前の記事',
  pages: 'ページ',
  frontPageTitle: (section, page) => `${section}（${page}ページ目）`,
  latestNewsFrom: (section, site) => `${site}の${section}の最新ニュース。`,
  subsectionsOf: (section) => `${section}の細分類`,
  byline: '筆者：',
  nameSeparator: (i) => (i === 0 ? '' : '、'),
  topics: 'トピック',
  moreArticles: 'その他の記事',
  allStoriesIn: (section) => `${section}の記事一覧`,
  orChooseSection: '、または下のジャンルからお選びください。',
  rankingBySection: 'ジャンル別ランキング',
  allSections: 'すべてのジャンル',
  views: (count) => `${groupDigits(count)}回閲覧`,
  noViewsYet: 'この期間の閲覧はまだありません。',
  rankingTitle: () => 'アクセスランキング',
  readersReading: (site) => `${site}でいま読まれている記事。`,
  noCorrections: '訂正・おわびはありません。',
  correctionsPublishedBy: (site) => `${site}が掲載した訂正・おわび。`,
  correctionKinds: { correction: '訂正', clarification: '補足', 'editors-note': '編集部注' },
  publishedWith: (product) => `${product}で発行しています。`,
  ...SEARCH_LABELS_JA,
};

const BY_LANGUAGE: ReadonlyMap<string, ReaderLabels> = new Map([
  ['en', EN],
  ['ja', JA],
]);

/** The primary subtag, lower-cased: "ja-JP" and "JA" are both "ja". */
export const primaryLanguage = (tag: string): string => tag.split('-')[0]!.toLowerCase();

/** True when the pages have words of their own for this language (else they fall back to English). */
export const hasReaderLabels = (language: string): boolean => BY_LANGUAGE.has(primaryLanguage(language));

/** A language's name for itself from ICU ("한국어" for ko), for a language we have no words for; the tag if none. */
const ownName = (language: string): string => {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
};

/**
 * The labels for a BCP 47 language: by its primary subtag, English for one we have no words for yet, except the
 * language's own name, which the language switch shows (issue 13): "English" would name the wrong language.
 */
export const readerLabels = (language: string): ReaderLabels =>
  BY_LANGUAGE.get(primaryLanguage(language)) ?? { ...EN, languageName: ownName(language) };

/** Fills a wording template; split/join rather than replace, so a "$&" in a section's name stays text. */
export const fillTemplate = (template: string, values: Record<string, string>): string =>
  Object.entries(values).reduce((text, [key, value]) => text.split(`{${key}}`).join(value), template);
