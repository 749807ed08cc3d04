import type { Generated } from 'kysely';

// Row types only. Times are epoch milliseconds (bigint in PostgreSQL, integer in SQLite) so both
// dialects compare and index them the same way.

export interface SectionTable {
  id: Generated<number>;
  slug: string;
  name: string;
  parent_id: number | null;
  position: number;
}

export interface AuthorTable {
  id: Generated<number>;
  slug: string;
  name: string;
  bio: string;
  job_title: Generated<string>;
  photo_media_id: number | null;
  /** JSON of AuthorLinks (domain/article.ts), read through its schema. */
  links: Generated<string>;
  /** The newsroom account whose own byline this is; unique, so an account has at most one profile. */
  user_id: number | null;
}

export interface ArticleTable {
  id: Generated<number>;
  slug: string;
  headline: string;
  standfirst: string | null;
  /** JSON of the structured body (domain/body.ts). */
  body: string;
  /** Plain text of headline, standfirst and body, kept for search. */
  body_text: string;
  section_id: number;
  status: string;
  photo_media_id: number | null;
  photo_caption: string | null;
  photo_credit: string | null;
  photo_alt: string | null;
  seo_description: string | null;
  /** Set for articles that came from an importer, so re-importing updates instead of duplicating. */
  source_key: string | null;
  created_at: number;
  first_published_at: number | null;
  published_at: number | null;
  updated_at: number | null;
  modified_at: number;
  /** The account that created it: contributors may edit only their own drafts. */
  created_by: number | null;
  /** An editor's note when sending an article back to its writer. */
  review_note: string | null;
  /** Moves on every save; optimistic concurrency for the newsroom editor. */
  revision: Generated<number>;
  /** The edition it is published in; the first edition's id unless a writer says otherwise (the column's default). */
  edition_id: Generated<number>;
  /** Plugins' custom field values as one JSON object (domain/custom-fields.ts); null when none is set. */
  custom_fields: string | null;
}

export interface ArticleAuthorTable {
  article_id: number;
  author_id: number;
  position: number;
}

export interface ArticleTagTable {
  article_id: number;
  /** The spelling the writer typed; a tag page is headed by its most recent one. */
  tag: string;
  /** tagSlug(tag) (domain/tag.ts): what every spelling of one tag shares, and its page's address. */
  tag_slug: string;
  position: number;
}

export interface SectionPinTable {
  section_id: number;
  article_id: number;
  position: number;
}

export interface HomeTopTable {
  article_id: number;
  position: number;
}
