import { groupDigits } from './digits.js';
/**
 * The words of the reader's search (issue 15): the masthead's box and the search page, per language. Part of each
 * language's ReaderLabels (edition-labels.ts), kept here so that file stays about the rest of the page.
 */
export interface SearchLabels {
  /** The search page's heading, the button and the search box's label. */
  search: string;
  searchFor: string;
  searchFilters: string;
  searchSection: string;
  searchFrom: string;
  searchTo: string;
  searchOrder: string;
  searchRelevance: string;
  searchNewest: string;
  searchByAuthor: (name: string) => string;
  searchAnyAuthor: string;
  searchPrompt: string;
  searchResultCount: (count: number, query: string) => string;
  /** When more match than are counted. */
  searchResultCountOver: (count: number, query: string) => string;
  searchNoResults: (query: string) => string;
  searchPastEnd: (pages: number) => string;
  searchCutCharacters: (count: number) => string;
  searchCutWords: (count: number) => string;
  searchPreviousPage: string;
  searchNextPage: string;
  searchRefused: string;
  searchRepeated: string;
  searchBadPage: string;
  searchBadSort: string;
  searchBadDate: string;
  searchDateOrder: string;
  searchUnknownSection: (slug: string) => string;
  searchUnknownAuthor: (slug: string) => string;
}

export const SEARCH_LABELS_EN: SearchLabels = {
  search: 'Search',
  searchFor: 'Search for',
  searchFilters: 'Narrow the search',
  searchSection: 'Section',
  searchFrom: 'From',
  searchTo: 'To',
  searchOrder: 'Order',
  searchRelevance: 'Best match',
  searchNewest: 'Newest first',
  searchByAuthor: (name) => `Only articles by ${name}`,
  searchAnyAuthor: 'Any author',
  searchPrompt: 'Type a word or two to search every article we have published.',
  searchResultCount: (count, query) => `${groupDigits(count)} ${count === 1 ? 'result' : 'results'} for “${query}”`,
  searchResultCountOver: (count, query) => `More than ${groupDigits(count)} results for “${query}”`,
  searchNoResults: (query) => `No articles match “${query}”.`,
  searchPastEnd: (pages) => `This search has ${pages} ${pages === 1 ? 'page' : 'pages'} of results.`,
  searchCutCharacters: (count) => `Your search was shortened to its first ${count} characters.`,
  searchCutWords: (count) => `Your search was shortened to its first ${count} words.`,
  searchPreviousPage: 'Previous page',
  searchNextPage: 'Next page',
  searchRefused: 'The search could not be made',
  searchRepeated: 'Give each part of the search once.',
  searchBadPage: 'The page number must be a whole number from 1 upwards.',
  searchBadSort: 'Order by best match or newest first.',
  searchBadDate: 'Give dates as YYYY-MM-DD, each a day that exists.',
  searchDateOrder: 'The end date is before the start date.',
  searchUnknownSection: (slug) => `There is no section “${slug}”.`,
  searchUnknownAuthor: (slug) => `There is no author “${slug}”.`,
};

export const SEARCH_LABELS_JA: SearchLabels = {
  search: '検索',
  searchFor: '検索する言葉',
  searchFilters: '絞り込み',
  searchSection: 'ジャンル',
  searchFrom: '開始日',
  searchTo: '終了日',
  searchOrder: '並び順',
  searchRelevance: '関連度順',
  searchNewest: '新しい順',
  searchByAuthor: (name) => `${name}の記事のみ`,
  searchAnyAuthor: 'すべての筆者',
  searchPrompt: 'これまでに掲載したすべての記事から検索できます。',
  searchResultCount: (count, query) => `「${query}」の検索結果：${groupDigits(count)}件`,
  searchResultCountOver: (count, query) => `「${query}」の検索結果：${groupDigits(count)}件以上`,
  searchNoResults: (query) => `「${query}」に一致する記事はありません。`,
  searchPastEnd: (pages) => `この検索結果は${pages}ページまでです。`,
  searchCutCharacters: (count) => `検索語が長すぎるため、最初の${count}文字で検索しました。`,
  searchCutWords: (count) => `検索語が多すぎるため、最初の${count}語で検索しました。`,
  searchPreviousPage: '前のページ',
  searchNextPage: '次のページ',
  searchRefused: '検索できませんでした',
  searchRepeated: '同じ項目を二度指定しないでください。',
  searchBadPage: 'ページ番号は1以上の整数で指定してください。',
  searchBadSort: '並び順は関連度順か新しい順から選んでください。',
  searchBadDate: '日付は2026-01-31の形で、実在する日を指定してください。',
  searchDateOrder: '終了日が開始日より前になっています。',
  searchUnknownSection: (slug) => `「${slug}」というジャンルはありません。`,
  searchUnknownAuthor: (slug) => `「${slug}」という筆者はいません。`,
};
