/**
 * What an importer (WordPress, record 0024; Ghost, record 0027) makes of one post or page before any storage: the
 * same plan from either source, so one writer (services/import-write.ts) stores both. Pure: the importer resolves
 * the section, bylines, images and slugs it names against the database.
 */
import type { AuthorLinks } from './author-links.js';
import type { CustomFieldValues } from './custom-fields.js';
import type { ConvertedBlock } from './html-to-body.js';
import { slugify } from './slug.js';

export const NO_TITLE = '(no title)';
const MAX_HEADLINE = 300;
const MAX_STANDFIRST = 600;
export const MAX_SEO_DESCRIPTION = 300;
const MAX_ALT = 500;

/** A section by its slug and name, and the subsection under it (WordPress's nested categories). */
export interface SectionPlace {
  top: { slug: string; name: string };
  sub: { slug: string; name: string } | null;
}

/** An author as the source names them: the id a later import finds them by, the slug they want, their name. */
export interface ImportByline {
  sourceId: string;
  slug: string;
  name: string;
  bio?: string;
  links?: AuthorLinks;
}

/** The main photo: where to load it from, and what the source says of it. */
export interface ImportPhoto {
  url: string;
  alt: string;
  caption: string;
}

export interface ImportPlan {
  kind: 'post' | 'page';
  sourceId: string;
  /** Where the item starts in the file, for the report (a WXR's line); 0 where the file has no lines to give. */
  line: number;
  slug: string;
  headline: string;
  standfirst: string | null;
  blocks: ConvertedBlock[];
  status: 'published' | 'scheduled' | 'draft';
  publishedAt: Date | null;
  /** Curated as a top story (WordPress's sticky, Ghost's featured). */
  featured: boolean;
  /** Null: the site's default section. */
  section: SectionPlace | null;
  tags: string[];
  /** In byline order. */
  bylines: ImportByline[];
  photo: ImportPhoto | null;
  seoDescription: string | null;
  customFields: CustomFieldValues;
  /** Custom fields no plugin declares: named in the report, not kept. */
  unknownFields: string[];
  /** Why the item was changed on its way in (private → draft…), for the report. */
  downgrades: string[];
  /** What the body converter changed, and other changes counted rather than named. */
  notes: string[];
  /** The item's old addresses, answered with a 301 once it is live. */
  oldPaths: string[];
}

/** How the report names an item: its title, with its id (and its line, where the file has lines). */
export const labelOf = (plan: Pick<ImportPlan, 'headline' | 'sourceId' | 'line'>): string =>
  plan.line > 0
    ? `"${plan.headline}" (id ${plan.sourceId}, line ${plan.line})`
    : `"${plan.headline}" (id ${plan.sourceId})`;

/** A title as a headline: a placeholder when empty (published archives stay published), cut when too long. */
export function headlineOf(title: string, downgrades: string[]): string {
  if (title === '') {
    downgrades.push(`it has no title, so its headline is "${NO_TITLE}"`);
    return NO_TITLE;
  }
  if (title.length <= MAX_HEADLINE) return title;
  downgrades.push(`its title was cut to ${MAX_HEADLINE} characters`);
  return `${title.slice(0, MAX_HEADLINE - 1)}…`;
}

/** An excerpt as a standfirst, cut when too long; null when empty. */
export function standfirstOf(text: string, downgrades: string[]): string | null {
  if (text === '') return null;
  if (text.length <= MAX_STANDFIRST) return text;
  downgrades.push(`its excerpt was cut to ${MAX_STANDFIRST} characters`);
  return `${text.slice(0, MAX_STANDFIRST - 1)}…`;
}

/** Alt text for an image: the one given, else the words that stand for it. */
export const altOf = (given: string, fallback: string): string => (given.trim() || fallback).slice(0, MAX_ALT);

/** The source's slug (sources keep non-Latin ones percent-encoded), else the title's. */
export function sourceSlug(name: string, title: string): string {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // Kept as it is.
  }
  const slug = slugify(decoded);
  return slug !== 'article' || /article/.test(decoded) ? slug : slugify(title);
}
