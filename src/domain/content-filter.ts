import { createRequire } from 'node:module';

/**
 * Ghost's `filter` (NQL) for posts, read by Ghost's own parser (@tryghost/nql-lang, MIT) into its Mongo-like JSON,
 * then checked here into the few conditions we can answer (docs/architecture/0019-content-api.md): anything else is
 * refused, never ignored, so a front end never receives every post where it asked for some.
 */

/** The fields a filter may name; `tags.slug`, `authors.slug` and the like read as their short names. */
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
export type FilterField = (typeof FILTER_FIELDS)[number];

export type FilterOp = 'eq' | 'ne' | 'in' | 'nin' | 'gt' | 'gte' | 'lt' | 'lte';

export type PostFilter =
  | { kind: 'and'; of: PostFilter[] }
  | { kind: 'or'; of: PostFilter[] }
  /** Dates are epoch ms, `featured` a boolean, the rest strings. */
  | { kind: 'match'; field: FilterField; op: FilterOp; values: (string | number | boolean)[] };

export type FilterResult = { ok: true; filter: PostFilter } | { ok: false; message: string; context: string };

const nqlLang = createRequire(import.meta.url)('@tryghost/nql-lang') as { parse(input: string): unknown };

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

function filterOf(node: unknown): PostFilter {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) throw new Unanswerable('Not a filter.');
  const entries = Object.entries(node);
  const terms = entries.map(([key, value]): PostFilter => {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) throw new Unanswerable('Not a filter.');
      return { kind: key === '$and' ? 'and' : 'or', of: value.map(filterOf) };
    }
    const field = ALIASES[key];
    if (!field) throw new Unanswerable(`Posts cannot be filtered by ${key}; use ${FILTER_FIELDS.join(', ')}.`);
    return matchOf(field, value);
  });
  if (terms.length === 0) throw new Unanswerable('Not a filter.');
  return terms.length === 1 ? terms[0]! : { kind: 'and', of: terms };
}

/** The filter read and checked; a malformed one or one naming what we cannot answer is refused with why. */
export function parsePostFilter(text: string): FilterResult {
  let parsed: unknown;
  try {
    parsed = nqlLang.parse(text);
  } catch (error) {
    const line = String((error as Error)?.message ?? error).split('\n')[0] ?? '';
    return { ok: false, message: 'Error parsing filter', context: line };
  }
  try {
    return { ok: true, filter: filterOf(parsed) };
  } catch (error) {
    if (error instanceof Unanswerable) return { ok: false, message: 'Error parsing filter', context: error.message };
    throw error;
  }
}
