import { parseFilter, type FilterList, type PostFilter } from './content-filter.js';

/**
 * The query of a Ghost Content API request (issue 16), read once: `limit`, `page`, `order`, `fields`, `include`,
 * `formats` and `filter`, as Ghost's own clients send them. Every other parameter is ignored, as Ghost does (its
 * client repeats `slug` in the query of a read by slug).
 */

export type ContentResource = 'posts' | 'pages' | 'tags' | 'authors';

export interface OrderTerm {
  field: string;
  direction: 'asc' | 'desc';
}

export interface ContentQuery {
  limit: number;
  page: number;
  order: OrderTerm[];
  /** The object's own fields to keep; null for all of them. Included relations are added whatever it says. */
  fields: string[] | null;
  include: string[];
  formats: ('html' | 'plaintext')[];
  /** content-filter.ts, with the fields its resource takes there; null when none is asked for. */
  filter: PostFilter | null;
}

/** Why a query was refused, for Ghost's ValidationError (400). */
export interface QueryRefusal {
  message: string;
  context: string;
}

export type ContentQueryResult = { ok: true; query: ContentQuery } | { ok: false; refusal: QueryRefusal };

export const DEFAULT_LIMIT = 15;
/** The most a page may hold; `limit=all` asks for this many. */
export const MAX_LIMIT = 100;

/** Ghost's default orders: posts and pages newest first, tags and authors by name. */
const DEFAULT_ORDER: Record<ContentResource, OrderTerm[]> = {
  posts: [{ field: 'published_at', direction: 'desc' }],
  pages: [{ field: 'published_at', direction: 'desc' }],
  tags: [{ field: 'name', direction: 'asc' }],
  authors: [{ field: 'name', direction: 'asc' }],
};

const ORDER_FIELDS: Record<ContentResource, readonly string[]> = {
  posts: ['published_at', 'updated_at', 'title'],
  pages: ['published_at', 'updated_at', 'title'],
  tags: ['name', 'slug'],
  authors: ['name', 'slug'],
};

const INCLUDES: Record<ContentResource, readonly string[]> = {
  posts: ['tags', 'authors'],
  pages: ['tags', 'authors'],
  tags: ['count.posts'],
  authors: ['count.posts'],
};

/** Longer values than this are not a query anyone writes; refusing them keeps the work per request small. */
const MAX_PARAM_CHARS = 1_000;

class Refused extends Error {
  constructor(
    message: string,
    readonly context: string,
  ) {
    super(message);
  }
}

/** A parameter as one string: a repeated one (`?include=tags&include=authors`) reads as its values joined by commas. */
function textOf(name: string, raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  const text = Array.isArray(raw) ? raw.map(String).join(',') : String(raw);
  if (text.length > MAX_PARAM_CHARS)
    throw new Refused(`${name} is too long.`, `At most ${MAX_PARAM_CHARS} characters.`);
  return text;
}

function listOf(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function readLimit(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_LIMIT;
  if (text === 'all') return MAX_LIMIT;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) {
    throw new Refused('Validation error, cannot read limit.', 'limit must be a whole number from 1, or "all".');
  }
  return Math.min(Number(text), MAX_LIMIT);
}

function readPage(text: string | undefined): number {
  if (text === undefined || text === '') return 1;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) {
    throw new Refused('Validation error, cannot read page.', 'page must be a whole number from 1.');
  }
  return Number(text);
}

/** `published_at desc, title asc`: each term a field this resource orders by, and an optional direction. */
function readOrder(resource: ContentResource, text: string | undefined): OrderTerm[] {
  const terms = listOf(text);
  if (terms.length === 0) return DEFAULT_ORDER[resource];
  const allowed = ORDER_FIELDS[resource];
  return terms.map((term) => {
    const [field = '', direction = 'asc', ...rest] = term.split(/\s+/);
    const dir = direction.toLowerCase();
    if (!allowed.includes(field) || (dir !== 'asc' && dir !== 'desc') || rest.length > 0) {
      throw new Refused(
        'Validation error, cannot sort by that order.',
        `order is one or more of ${allowed.join(', ')}, each followed by asc or desc.`,
      );
    }
    return { field, direction: dir };
  });
}

function readFormats(text: string | undefined): ('html' | 'plaintext')[] {
  const asked = listOf(text).filter((f): f is 'html' | 'plaintext' => f === 'html' || f === 'plaintext');
  // Ghost sends html when no format it knows is asked for.
  return asked.length === 0 ? ['html'] : [...new Set(asked)];
}

/** Which API reads the query: the Admin API's posts and pages also take `status`. */
export type ContentApi = 'content' | 'admin';

const FILTER_LISTS: Record<ContentApi, Record<ContentResource, FilterList>> = {
  content: { posts: 'posts', pages: 'pages', tags: 'tags', authors: 'authors' },
  admin: { posts: 'adminPosts', pages: 'adminPages', tags: 'tags', authors: 'authors' },
};

function readFilter(resource: ContentResource, api: ContentApi, text: string | undefined): PostFilter | null {
  if (text === undefined || text.trim() === '') return null;
  const parsed = parseFilter(text, FILTER_LISTS[api][resource]);
  if (!parsed.ok) throw new Refused(parsed.message, parsed.context);
  return parsed.filter;
}

function readQuery(resource: ContentResource, raw: Readonly<Record<string, unknown>>, api: ContentApi): ContentQuery {
  const filter = readFilter(resource, api, textOf('filter', raw.filter));
  const fields = listOf(textOf('fields', raw.fields));
  return {
    limit: readLimit(textOf('limit', raw.limit)),
    page: readPage(textOf('page', raw.page)),
    order: readOrder(resource, textOf('order', raw.order)),
    fields: fields.length === 0 ? null : [...new Set(fields)],
    // Unknown includes are dropped, as Ghost drops them.
    include: listOf(textOf('include', raw.include)).filter((i) => INCLUDES[resource].includes(i)),
    formats: readFormats(textOf('formats', raw.formats)),
    filter,
  };
}

export function parseContentQuery(
  resource: ContentResource,
  raw: Readonly<Record<string, unknown>>,
  api: ContentApi = 'content',
): ContentQueryResult {
  try {
    return { ok: true, query: readQuery(resource, raw, api) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusal: { message: error.message, context: error.context } };
    throw error;
  }
}

/** Ghost's `meta.pagination` for `total` objects shown `limit` to a page; a list of none still has one page. */
export function paginationOf(query: Pick<ContentQuery, 'limit' | 'page'>, total: number) {
  const pages = Math.max(1, Math.ceil(total / query.limit));
  return {
    page: query.page,
    limit: query.limit,
    pages,
    total,
    next: query.page < pages ? query.page + 1 : null,
    prev: query.page > 1 ? query.page - 1 : null,
  };
}

/** The object with only the `fields` of its own that it has (all of them when null), as Ghost's `fields` asks. */
export function pickFields<T extends Record<string, unknown>>(object: T, fields: readonly string[] | null): Partial<T> {
  if (fields === null) return object;
  const out: Record<string, unknown> = {};
  for (const name of fields) if (Object.hasOwn(object, name)) out[name] = object[name];
  return out as Partial<T>;
}
