/**
 * A reader's search request (issue 15), read and understood before anything is searched: the query string read
 * once into SearchParams (readSearchParams), then placed in an edition (searchInEdition: its sections by its own
 * slugs, its days in the site's time zone). A bad value becomes a list of problems that the page words in the
 * edition's language and the API in English, never a throw. Also what is made from an understood request: its
 * cache key, the form's fields, the address of another page of it. Pure: no database.
 */
import type { Section } from './article.js';
import { instantFromZoned } from './dateline.js';
import type { ReaderLabels } from './edition-labels.js';
import { parsePageNumber } from './reader-path.js';
import { MAX_QUERY_CHARS, MAX_QUERY_TERMS, parseQuery, type ParsedQuery } from './search-text.js';
import { sectionFamilyIds, type SectionTree } from './section.js';

export const SEARCH_SORTS = ['relevance', 'newest'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** The query string's names, each one of the form's fields. */
export const SEARCH_FIELDS = ['q', 'section', 'author', 'from', 'to', 'sort', 'page'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

/** The form as the reader sent it, shown back in its fields when something in it is refused. */
export type SearchForm = Record<Exclude<SearchField, 'page'>, string>;

/** Why a request is refused; the page and the API word each (edition-labels.ts, searchProblemText). */
export type SearchProblem =
  | { field: SearchField; kind: 'repeated' }
  | { field: 'page'; kind: 'page' }
  | { field: 'sort'; kind: 'sort' }
  | { field: 'from' | 'to'; kind: 'date' }
  | { field: 'to'; kind: 'date-order' }
  | { field: 'section'; kind: 'unknown-section'; slug: string }
  | { field: 'author'; kind: 'unknown-author'; slug: string };

/** A problem in the words of an edition (the API's are the English ones). */
export const searchProblemText = (problem: SearchProblem, labels: ReaderLabels): string => {
  switch (problem.kind) {
    case 'repeated':
      return labels.searchRepeated;
    case 'page':
      return labels.searchBadPage;
    case 'sort':
      return labels.searchBadSort;
    case 'date':
      return labels.searchBadDate;
    case 'date-order':
      return labels.searchDateOrder;
    case 'unknown-section':
      return labels.searchUnknownSection(problem.slug);
    case 'unknown-author':
      return labels.searchUnknownAuthor(problem.slug);
  }
};

/** A request that makes sense in any edition. */
export interface SearchParams {
  /** What was searched for, as the page shows it back: control characters and runs of spaces made one space, cut. */
  text: string;
  /** True when the text is the first MAX_SHOWN_CHARS characters of a longer query. */
  textCut: boolean;
  /** Slugs as given, lower-cased; whether they name anything depends on the edition and the authors. */
  section: string | null;
  author: string | null;
  from: LocalDate | null;
  to: LocalDate | null;
  sort: SearchSort;
  page: number;
}

export type SearchParamsRead =
  { ok: true; params: SearchParams } | { ok: false; form: SearchForm; problems: SearchProblem[] };

/** A section or author slug, or a date, is never longer than this; what is longer is shown back cut. */
const MAX_FILTER_CHARS = 100;
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Date.UTC reads years 0-99 as 1900-1999; no archive reaches back that far anyway.
const MIN_YEAR = 1000;
const CONTROL = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}]/gu;
/**
 * The query is shown back (and kept in cache keys) up to this many characters: well past the MAX_QUERY_CHARS that
 * are searched for, so that parseQuery sees where the word at its cut ends (a cut inside a word drops the word).
 */
const MAX_SHOWN_CHARS = 1000;

/** Reads a parsed query string (values are strings, or arrays when a name was repeated) into a request. */
export function readSearchParams(raw: Readonly<Record<string, unknown>>): SearchParamsRead {
  const problems: SearchProblem[] = [];
  const { page: pageText, ...form } = readValues(raw, problems);
  const page = parsePageNumber(pageText === '' ? undefined : pageText);
  if (page === 'invalid') problems.push({ field: 'page', kind: 'page' });
  const sort = form.sort === '' ? 'relevance' : SEARCH_SORTS.find((s) => s === form.sort);
  if (sort === undefined) problems.push({ field: 'sort', kind: 'sort' });
  const from = readDate(form.from, 'from', problems);
  const to = readDate(form.to, 'to', problems);
  if (from && to && dayNumber(from) > dayNumber(to)) problems.push({ field: 'to', kind: 'date-order' });
  if (problems.length > 0 || page === 'invalid' || sort === undefined) return { ok: false, form, problems };

  const shown = [...form.q.replace(CONTROL, ' ').replace(/\s+/gu, ' ').trim()];
  return {
    ok: true,
    params: {
      text: shown.slice(0, MAX_SHOWN_CHARS).join(''),
      textCut: shown.length > MAX_SHOWN_CHARS,
      section: form.section === '' ? null : form.section.toLowerCase(),
      author: form.author === '' ? null : form.author.toLowerCase(),
      from,
      to,
      sort,
      page,
    },
  };
}

/** Each field's value: filters trimmed and cut (they are shown back), the query as typed; absent is empty. */
function readValues(raw: Readonly<Record<string, unknown>>, problems: SearchProblem[]): Record<SearchField, string> {
  const value = (field: SearchField): string => {
    const given = raw[field];
    if (typeof given === 'string') return given;
    if (given === undefined) return '';
    problems.push({ field, kind: 'repeated' });
    return Array.isArray(given) && typeof given[0] === 'string' ? given[0] : '';
  };
  const filter = (field: SearchField): string => [...value(field).trim()].slice(0, MAX_FILTER_CHARS).join('');
  return {
    q: value('q'),
    section: filter('section'),
    author: filter('author'),
    from: filter('from'),
    to: filter('to'),
    sort: filter('sort'),
    page: filter('page'),
  };
}

function readDate(raw: string, field: 'from' | 'to', problems: SearchProblem[]): LocalDate | null {
  if (raw === '') return null;
  const m = DATE_SHAPE.exec(raw);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (year >= MIN_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month)) {
      return { year, month, day };
    }
  }
  problems.push({ field, kind: 'date' });
  return null;
}

// Day 0 of the next month is the last day of this one.
const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

const dayNumber = (d: LocalDate): number => Date.UTC(d.year, d.month - 1, d.day);

/** The terms searched for, and how the query was shortened to them, if it was. */
export interface SearchTerms {
  query: ParsedQuery;
  /** To its first MAX_QUERY_CHARS characters, or its first MAX_QUERY_TERMS words. */
  cut: 'characters' | 'words' | null;
}

/**
 * The shown text is what is searched for, so the text alone decides the terms, and a request's cache key needs only
 * the text: the terms are read when the search is made, and a page sent from the cache never reads them (parsing
 * costs some 5 µs, several times the rest of a kept page's lookup).
 */
export const searchTermsOf = (p: SearchParams): SearchTerms => {
  const query = parseQuery(p.text);
  // A 21st term is dropped as a word; anything else is cut as characters.
  const cut = p.textCut
    ? 'characters'
    : !query.cut
      ? null
      : query.terms.length === MAX_QUERY_TERMS
        ? 'words'
        : 'characters';
  return { query, cut };
};

/** "2026-01-31": a date as the form's date fields take it. */
export const localDateText = (d: LocalDate): string =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** What placing a request in an edition needs: its sections (by its own slugs) and the site's time zone. */
export interface SearchEdition {
  sections: SectionTree;
  settings: { timeZone: string };
}

/** A request placed in an edition: its section found, its days made instants in the site's time zone. */
export interface EditionSearch {
  params: SearchParams;
  section: Section | null;
  /** The section and its subsections. */
  sectionIds: number[] | undefined;
  /** Epoch ms: the first instant of `from`'s day, and the first instant after `to`'s day. */
  from: number | undefined;
  to: number | undefined;
}

export function searchInEdition(
  edition: SearchEdition,
  params: SearchParams,
): { ok: true; search: EditionSearch } | { ok: false; problems: SearchProblem[] } {
  const section = params.section === null ? null : (edition.sections.bySlug.get(params.section) ?? null);
  if (params.section !== null && section === null) {
    return { ok: false, problems: [{ field: 'section', kind: 'unknown-section', slug: params.section }] };
  }
  const zone = edition.settings.timeZone;
  const midnight = (d: LocalDate, plusDays = 0) =>
    // A day past the month's end rolls over (instantFromZoned reads it through Date.UTC), as nextLocalMidnight does.
    instantFromZoned({ year: d.year, month: d.month, day: d.day + plusDays, hour: 0, minute: 0 }, zone).getTime();
  return {
    ok: true,
    search: {
      params,
      section,
      sectionIds: section ? sectionFamilyIds(edition.sections, section) : undefined,
      from: params.from ? midnight(params.from) : undefined,
      to: params.to ? midnight(params.to, 1) : undefined,
    },
  };
}

/**
 * The cache key of a search's page or JSON: made from the request as understood (the shown text, which alone
 * decides the terms; the section's id; the author's slug; the days; the order; the page), so spellings of one
 * search (parameters in another order, tracking parameters, spaces) share an entry. The prefix is the edition's.
 */
export const searchCacheKey = (kind: 'page' | 'api', editionPrefix: string, search: EditionSearch): string => {
  const p = search.params;
  return `search-${kind} ${editionPrefix} ${JSON.stringify([
    p.text,
    search.section?.id ?? null,
    p.author,
    p.from ? localDateText(p.from) : null,
    p.to ? localDateText(p.to) : null,
    p.sort,
    p.page,
  ])}`;
};

/** The form as a request understood fills it in. */
export const searchFormOf = (p: SearchParams): SearchForm => ({
  q: p.text,
  section: p.section ?? '',
  author: p.author ?? '',
  from: p.from ? localDateText(p.from) : '',
  to: p.to ? localDateText(p.to) : '',
  sort: p.sort,
});

/** The address of the same search at another page (`action` is "/search" or "/ja/search"), or without its author. */
export const searchHref = (action: string, p: SearchParams, page: number, withAuthor = true): string => {
  const form = searchFormOf(p);
  const query = new URLSearchParams();
  if (form.q !== '') query.set('q', form.q);
  for (const name of ['section', 'author', 'from', 'to'] as const) {
    if (form[name] !== '' && (name !== 'author' || withAuthor)) query.set(name, form[name]);
  }
  if (p.sort !== 'relevance') query.set('sort', p.sort);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text === '' ? action : `${action}?${text}`;
};

/** The note that the query was shortened, in an edition's words; null when it was not. */
export const searchNote = (cut: SearchTerms['cut'], labels: ReaderLabels): string | null =>
  cut === 'characters'
    ? labels.searchCutCharacters(MAX_QUERY_CHARS)
    : cut === 'words'
      ? labels.searchCutWords(MAX_QUERY_TERMS)
      : null;

/** A section the filter offers, by the edition's slug: subsections follow their section, named under it. */
export interface SearchSectionOption {
  slug: string;
  name: string;
}

export const searchSectionOptions = (tree: SectionTree): SearchSectionOption[] =>
  tree.top.flatMap((top) => [
    { slug: top.slug, name: top.name },
    ...(tree.children.get(top.id) ?? []).map((sub) => ({ slug: sub.slug, name: `${top.name} › ${sub.name}` })),
  ]);
