import type { Body } from './body.js';

export const ARTICLE_STATUSES = ['draft', 'in_review', 'scheduled', 'published', 'unpublished'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const isArticleStatus = (v: unknown): v is ArticleStatus =>
  typeof v === 'string' && (ARTICLE_STATUSES as readonly string[]).includes(v);

export interface Author {
  id: number;
  slug: string;
  name: string;
  bio: string;
}

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
