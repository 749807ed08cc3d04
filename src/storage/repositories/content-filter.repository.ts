import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { FilterField, PostFilter } from '../../domain/content-filter.js';
import type { Database } from '../database.js';

type Eb = ExpressionBuilder<Database, 'article'>;

/**
 * A Content API filter (domain/content-filter.ts) as a condition on `article`: every field is answered by the
 * indexes the reader pages already use (section, tag slug, byline, home_top), never by a text scan.
 */

/** The articles of the section with this slug: a section is its articles' primary tag. */
const inSection = (eb: Eb, slug: string) =>
  eb('article.section_id', 'in', eb.selectFrom('section').select('section.id').where('section.slug', '=', slug));

const tagged = (eb: Eb, slug: string) =>
  eb.exists(
    eb
      .selectFrom('article_tag')
      .select('article_tag.article_id')
      .whereRef('article_tag.article_id', '=', 'article.id')
      .where('article_tag.tag_slug', '=', slug),
  );

/** A byline by the author with this slug; `first`: the first byline (Ghost's primary_author). */
const bylined = (eb: Eb, slug: string, first: boolean) => {
  let q = eb
    .selectFrom('article_author')
    .innerJoin('author', 'author.id', 'article_author.author_id')
    .select('article_author.article_id')
    .whereRef('article_author.article_id', '=', 'article.id')
    .where('author.slug', '=', slug);
  if (first) {
    q = q.where((e) =>
      e(
        'article_author.position',
        '=',
        e
          .selectFrom('article_author as byline')
          .select((m) => m.fn.min('byline.position').as('first'))
          .whereRef('byline.article_id', '=', 'article.id'),
      ),
    );
  }
  return eb.exists(q);
};

const ALWAYS = (eb: Eb) => eb('article.id', 'is not', null);
const NEVER = (eb: Eb) => eb('article.id', 'is', null);

/** One value of `field` matched exactly. */
const equals = (eb: Eb, field: FilterField, value: string | number | boolean): Expression<SqlBool> => {
  switch (field) {
    case 'tag':
      return eb.or([inSection(eb, String(value)), tagged(eb, String(value))]);
    case 'primary_tag':
      return inSection(eb, String(value));
    case 'author':
      return bylined(eb, String(value), false);
    case 'primary_author':
      return bylined(eb, String(value), true);
    case 'slug':
      return eb('article.slug', '=', String(value));
    case 'id': {
      const id = /^\d{1,9}$/.test(String(value)) ? Number(value) : null;
      return id === null ? NEVER(eb) : eb('article.id', '=', id);
    }
    case 'featured': {
      const top = eb.exists(
        eb.selectFrom('home_top').select('home_top.article_id').whereRef('home_top.article_id', '=', 'article.id'),
      );
      return value === true ? top : eb.not(top);
    }
    case 'visibility':
      // Every live article is public.
      return value === 'public' ? ALWAYS(eb) : NEVER(eb);
    case 'published_at':
      return eb('article.published_at', '=', Number(value));
    case 'updated_at':
      return eb(eb.fn.coalesce('article.updated_at', 'article.published_at'), '=', Number(value));
    case 'status':
      // Ghost's three states (the Admin API's): anything not live or scheduled is a draft to an integration.
      if (value === 'published' || value === 'scheduled') return eb('article.status', '=', value);
      return value === 'draft' ? eb('article.status', 'not in', ['published', 'scheduled']) : NEVER(eb);
    case 'name':
      // Posts have titles, not names (parseFilter never lets a filter of posts name it).
      return NEVER(eb);
  }
};

const COMPARE = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

export const postFilterCondition = (eb: Eb, filter: PostFilter): Expression<SqlBool> => {
  if (filter.kind === 'and') return eb.and(filter.of.map((f) => postFilterCondition(eb, f)));
  if (filter.kind === 'or') return eb.or(filter.of.map((f) => postFilterCondition(eb, f)));
  const { field, op, values } = filter;
  if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') {
    const column =
      field === 'updated_at'
        ? eb.fn.coalesce('article.updated_at', 'article.published_at')
        : eb.ref('article.published_at');
    return eb(column, COMPARE[op], Number(values[0]));
  }
  const any = eb.or(values.map((v) => equals(eb, field, v)));
  return op === 'ne' || op === 'nin' ? eb.not(any) : any;
};
