import { createRequire } from 'node:module';

/**
 * Ghost's `filter` (NQL) for posts, pages, tags and authors, read by Ghost's own parser (@tryghost/nql-lang, MIT) into its Mongo-like JSON,
 * then checked here into the few conditions we can answer (docs/architecture/0019-content-api.md): anything else is
 * refused, never ignored, so a front end never receives every post where it asked for some.
 */

/** The fields a filter of posts may name; `tags.slug`, `authors.slug` and the like read as their short names. */
export const FILTER_FIELDS = [
  'tag',
  'primary_tag',
  'author',
  'primary_author',
  'slug',
  'id',
  'featured',
  'published_at',
  'updated_at',
  'visibility',
] as const;
/** Every field some resource is filtered by: posts' and `status` (the Admin API's), `name` (tags and authors). */
export type FilterField = (typeof FILTER_FIELDS)[number] | 'status' | 'name';

/** Which fields each list takes (Ghost's where they apply to ours): pages have no tags or bylines of their own. */
export const FILTER_FIELDS_OF = {
  posts: FILTER_FIELDS,
  adminPosts: [...FILTER_FIELDS, 'status'],
  pages: ['slug', 'id', 'featured', 'published_at', 'updated_at', 'visibility'],
  adminPages: ['slug', 'id', 'featured', 'published_at', 'updated_at', 'visibility', 'status'],
  tags: ['slug', 'id', 'name', 'visibility'],
  authors: ['slug', 'id', 'name'],
} as const satisfies Record<string, readonly FilterField[]>;
export type FilterList = keyof typeof FILTER_FIELDS_OF;

const NOUNS: Record<FilterList, string> = {
  posts: 'Posts',
  adminPosts: 'Posts',
  pages: 'Pages',
  adminPages: 'Pages',
  tags: 'Tags',
  authors: 'Authors',
};

export type FilterOp = 'eq' | 'ne' | 'in' | 'nin' | 'gt' | 'gte' | 'lt' | 'lte';

export type PostFilter =
  | { kind: 'and'; of: PostFilter[] }
  | { kind: 'or'; of: PostFilter[] }
  /** Dates are epoch ms, `featured` a boolean, the rest strings. */
  | { kind: 'match'; field: FilterField; op: FilterOp; values: (string | number | boolean)[] };

export type FilterResult = { ok: true; filter: PostFilter } | { ok: false; message: string; context: string };

/**
 * Ghost's parser, loaded with the first filter read: a generated parser whose evaluation was about 20 ms of a
 * loaded machine's cold start (docs/architecture/0030), for a feature most starts never reach.
 */
let nqlLang: { parse(input: string): unknown } | undefined;
const nql = () =>
  (nqlLang ??= createRequire(import.meta.url)('@tryghost/nql-lang') as { parse(input: string): unknown });

const ALIASES: Record<string, FilterField> = {
  tag: 'tag',
  tags: 'tag',
  'tag.slug': 'tag',
  'tags.slug': 'tag',
  primary_tag: 'primary_tag',
  'primary_tag.slug': 'primary_tag',
  author: 'author',
  authors: 'author',
  'author.slug': 'author',
  'authors.slug': 'author',
  primary_author: 'primary_author',
  'primary_author.slug': 'primary_author',
  slug: 'slug',
  id: 'id',
  featured: 'featured',
  published_at: 'published_at',
  updated_at: 'updated_at',
  visibility: 'visibility',
  status: 'status',
  name: 'name',
};

const OPS: Record<string, FilterOp> = {
  $ne: 'ne',
  $in: 'in',
  $nin: 'nin',
  $gt: 'gt',
  $gte: 'gte',
  $lt: 'lt',
  $lte: 'lte',
};

class Unanswerable extends Error {}

/** "2026-01-21", "2026-01-21 04:01:00" (what NQL's relative dates give) or ISO 8601: UTC unless it says otherwise. */
function dateOf(value: unknown): number {
  if (typeof value !== 'string') throw new Unanswerable('Dates are compared with a quoted date.');
  const text = /^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?)?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || !Number.isFinite(ms)) throw new Unanswerable(`"${value}" is not a date.`);
  return ms;
}

function valueOf(field: FilterField, value: unknown): string | number | boolean {
  if (field === 'published_at' || field === 'updated_at') return dateOf(value);
  if (field === 'featured') {
    if (typeof value !== 'boolean') throw new Unanswerable('featured is true or false.');
    return value;
  }
  if (typeof value !== 'string' && typeof value !== 'number') throw new Unanswerable(`${field} takes a value.`);
  return String(value);
}

function matchOf(field: FilterField, condition: unknown): PostFilter {
  if (condition === null || typeof condition !== 'object') {
    return { kind: 'match', field, op: 'eq', values: [valueOf(field, condition)] };
  }
  const entries = Object.entries(condition);
  if (entries.length !== 1) throw new Unanswerable(`One comparison per ${field}.`);
  const [name, raw] = entries[0]!;
  const op = OPS[name];
  if (!op) throw new Unanswerable(`${field} cannot be compared that way.`);
  const isDate = field === 'published_at' || field === 'updated_at';
  if ((op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') && !isDate) {
    throw new Unanswerable('Only dates are compared with >, >=, < and <=.');
  }
  const list = op === 'in' || op === 'nin';
  if (list !== Array.isArray(raw)) throw new Unanswerable(`${field} takes a list only with [ ].`);
  const values = (list ? (raw as unknown[]) : [raw]).map((v) => valueOf(field, v));
  return { kind: 'match', field, op, values };
}

function filterOf(node: unknown, list: FilterList): PostFilter {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) throw new Unanswerable('Not a filter.');
  const entries = Object.entries(node);
  const allowed: readonly FilterField[] = FILTER_FIELDS_OF[list];
  const terms = entries.map(([key, value]): PostFilter => {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) throw new Unanswerable('Not a filter.');
      return { kind: key === '$and' ? 'and' : 'or', of: value.map((v) => filterOf(v, list)) };
    }
    const field = Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
    if (!field || !allowed.includes(field)) {
      throw new Unanswerable(`${NOUNS[list]} cannot be filtered by ${key}; use ${allowed.join(', ')}.`);
    }
    return matchOf(field, value);
  });
  if (terms.length === 0) throw new Unanswerable('Not a filter.');
  return terms.length === 1 ? terms[0]! : { kind: 'and', of: terms };
}

/** The filter read and checked; a malformed one or one naming what we cannot answer is refused with why. */
export function parsePostFilter(text: string): FilterResult {
  return parseFilter(text, 'posts');
}

/** A filter of one list (`FILTER_FIELDS_OF`), read and checked as parsePostFilter does. */
export function parseFilter(text: string, list: FilterList): FilterResult {
  let parsed: unknown;
  try {
    parsed = nql().parse(text);
  } catch (error) {
    const line = String((error as Error)?.message ?? error).split('\n')[0] ?? '';
    return { ok: false, message: 'Error parsing filter', context: line };
  }
  try {
    return { ok: true, filter: filterOf(parsed, list) };
  } catch (error) {
    if (error instanceof Unanswerable) return { ok: false, message: 'Error parsing filter', context: error.message };
    throw error;
  }
}

/**
 * Whether an object kept in memory (a page, a tag, an author) passes a filter, given each field's values (none for
 * a field it has no value of). As the SQL of posts reads it: `-` and `-[…]` keep what has none of the values.
 */
export function matchesFilter(
  filter: PostFilter,
  valuesOf: (field: FilterField) => readonly (string | number | boolean)[],
): boolean {
  if (filter.kind === 'and') return filter.of.every((f) => matchesFilter(f, valuesOf));
  if (filter.kind === 'or') return filter.of.some((f) => matchesFilter(f, valuesOf));
  const have = valuesOf(filter.field);
  const [bound] = filter.values;
  switch (filter.op) {
    case 'gt':
      return have.some((v) => Number(v) > Number(bound));
    case 'gte':
      return have.some((v) => Number(v) >= Number(bound));
    case 'lt':
      return have.some((v) => Number(v) < Number(bound));
    case 'lte':
      return have.some((v) => Number(v) <= Number(bound));
    default: {
      const any = filter.values.some((wanted) => have.some((v) => String(v) === String(wanted)));
      return filter.op === 'ne' || filter.op === 'nin' ? !any : any;
    }
  }
}

/** An object's own fields (a page's, a tag's, an author's) as matchesFilter reads them: dates as epoch ms. */
export const ownFieldValues =
  (object: Readonly<Record<string, unknown>>) =>
  (field: FilterField): readonly (string | number | boolean)[] => {
    const value = Object.hasOwn(object, field) ? object[field] : undefined;
    if (field === 'published_at' || field === 'updated_at') {
      const ms = typeof value === 'string' ? Date.parse(value) : NaN;
      return Number.isFinite(ms) ? [ms] : [];
    }
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? [value] : [];
  };

/** What a filter (none: everything) keeps of a list read whole (pages, tags, authors), each judged by its own fields. */
export const keptBy = <T>(
  query: { filter: PostFilter | null },
  all: T[],
  own: (t: T) => Readonly<Record<string, unknown>>,
): T[] => {
  const { filter } = query;
  return filter ? all.filter((t) => matchesFilter(filter, ownFieldValues(own(t)))) : all;
};

const isNegation = (f: PostFilter): f is Extract<PostFilter, { kind: 'match' }> =>
  f.kind === 'match' && (f.op === 'ne' || f.op === 'nin');

/**
 * What a filter made only of negations denies (`id:-5` → `id:5`; `id:-5+slug:-x` → `id:5,slug:x`), or null for any
 * other filter. The posts a negation keeps are then all live posts less those the denial finds, which a count reads
 * from an index instead of scanning the archive: front ends ask `filter=id:-{this post}` for "more stories" on
 * every article. Exact because each condition is true or false for every live post, never unknown (no NULLs: the
 * repository's conditions name non-null columns and EXISTS tests).
 */
export const deniedBy = (filter: PostFilter): PostFilter | null => {
  const terms = filter.kind === 'and' ? filter.of : [filter];
  if (!terms.every(isNegation)) return null;
  const denied = terms.map((t): PostFilter => ({
    kind: 'match',
    field: t.field,
    op: t.op === 'ne' ? 'eq' : 'in',
    values: t.values,
  }));
  return denied.length === 1 ? denied[0]! : { kind: 'or', of: denied };
};
