import type { AuthorLinks } from './author-links.js';
import { AUTHOR_LINK_KINDS } from './author-links.js';
import type { Body } from './body.js';
import type { CustomFieldValues } from './custom-fields.js';

export const ARTICLE_STATUSES = ['draft', 'in_review', 'scheduled', 'published', 'unpublished'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const isArticleStatus = (v: unknown): v is ArticleStatus =>
  typeof v === 'string' && (ARTICLE_STATUSES as readonly string[]).includes(v);

/**
 * A stored status this version does not know (written by hand, or by a newer version) reads as unpublished:
 * hidden from readers, and only editors may act on it, so nothing is exposed or handed to a contributor.
 */
export const articleStatusOf = (raw: string): ArticleStatus => (isArticleStatus(raw) ? raw : 'unpublished');

/** How the newsroom names each status. */
export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
};

export interface Author {
  id: number;
  slug: string;
  name: string;
  bio: string;
  /** "Staff Writer", "Seoul Correspondent"; '' when none is given. */
  jobTitle: string;
  photo: MediaRef | null;
  links: AuthorLinks;
}

/** The author's links elsewhere, in a fixed order: JSON-LD's `sameAs` for the `Person`. */
export const sameAsOf = (author: Pick<Author, 'links'>): string[] =>
  AUTHOR_LINK_KINDS.flatMap((kind) => {
    const url = author.links[kind];
    return url ? [url] : [];
  });

export interface Section {
  id: number;
  slug: string;
  name: string;
  position: number;
  parentId: number | null;
}

/** A stored image as pages refer to it. */
export interface MediaRef {
  mediaId: number;
  /** Part of every variant's URL, so a replaced image gets new URLs. */
  hash: string;
  width: number;
  height: number;
}

export interface MainPhoto extends MediaRef {
  caption: string;
  credit: string | null;
  alt: string;
}

/**
 * The timestamps are kept apart on purpose: readers see `publishedAt` (and `updatedAt` only after a
 * significant update an editor asked for); `firstPublishedAt` never moves; `modifiedAt` changes on every save.
 */
export interface Article {
  id: number;
  slug: string;
  headline: string;
  standfirst: string | null;
  body: Body;
  section: Section;
  /** The top-level section when `section` is a subsection, else null. */
  parentSection: Section | null;
  bylines: Author[];
  tags: string[];
  mainPhoto: MainPhoto | null;
  status: ArticleStatus;
  createdAt: Date;
  firstPublishedAt: Date | null;
  publishedAt: Date | null;
  updatedAt: Date | null;
  modifiedAt: Date;
  /** Plugins' custom field values by field name (domain/custom-fields.ts); empty when none is set. */
  customFields: CustomFieldValues;
}

/** What lists, boxes and fronts need of an article: no body. */
export interface ArticleSummary {
  id: number;
  headline: string;
  standfirst: string | null;
  path: string;
  publishedAt: Date;
  sectionName: string;
  thumbnail: MainPhoto | null;
}

/** An article as it is written and stored: what a save takes, and what each revision keeps. */
export interface ArticleInput {
  slug: string;
  headline: string;
  standfirst: string | null;
  body: Body;
  sectionId: number;
  authorIds: number[];
  tags: string[];
  photo: { mediaId: number; caption: string; credit: string | null; alt: string } | null;
  status: ArticleStatus;
  /** The displayed publish time. first_published_at is set from it when the article first goes live, and never moves. */
  publishedAt: Date | null;
  /** Set only when an editor calls the change significant. */
  updatedAt: Date | null;
  seoDescription?: string | null;
  sourceKey?: string | null;
  /** The newsroom account creating the article. */
  createdBy?: number | null;
  /** An editor's note to the writer when sending the article back. */
  reviewNote?: string | null;
  /**
   * Plugins' custom field values: all of them, those of fields no longer defined included. Absent (importers, the
   * CLI): a save keeps the stored values.
   */
  customFields?: CustomFieldValues;
}
