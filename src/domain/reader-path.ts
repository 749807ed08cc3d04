import { isSlug } from './slug.js';
import { MAX_ROW_ID } from './ids.js';

/**
 * What a reader URL path asks for, before any lookup. Article URLs follow the reference site:
 * /{section}/{YYYYMMDD}-{id}/ or /{section}/{subsection}/{YYYYMMDD}-{id}/.
 */
export type ReaderPath =
  | { kind: 'home' }
  | { kind: 'section'; slugs: string[]; trailingSlash: boolean }
  | { kind: 'article'; id: number; date: string; slugs: string[]; trailingSlash: boolean }
  | { kind: 'none' };

const ARTICLE_SEGMENT = /^(\d{8})-([1-9]\d{0,14})$/;

export const parseReaderPath = (path: string): ReaderPath => {
  if (path === '/') return { kind: 'home' };
  if (!path.startsWith('/') || path.includes('//') || path.length > 300) return { kind: 'none' };
  const trailingSlash = path.endsWith('/');
  const segments = path.slice(1, trailingSlash ? -1 : undefined).split('/');
  if (segments.length > 3) return { kind: 'none' };
  const last = segments[segments.length - 1]!;
  const article = ARTICLE_SEGMENT.exec(last);
  const slugs = article ? segments.slice(0, -1) : segments;
  if (slugs.length > 2 || !slugs.every(isSlug)) return { kind: 'none' };
  if (article) {
    const id = Number(article[2]);
    if (id > MAX_ROW_ID) return { kind: 'none' };
    return { kind: 'article', id, date: article[1]!, slugs, trailingSlash };
  }
  return { kind: 'section', slugs, trailingSlash };
};

/** ?page=N for fronts: absent means 1; anything but a plain positive integer is a bad request. */
export const parsePageNumber = (raw: unknown): number | 'invalid' => {
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,5}$/.test(raw)) return 'invalid';
  return Number(raw);
};

/** The path of a request URL as it arrived, without its query. */
export const pathOfUrl = (url: string): string => {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
};
