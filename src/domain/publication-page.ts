import { z } from 'zod';
import type { MainPhoto } from './article.js';
import { BodySchema, type Body } from './body.js';
import { isReservedPath } from './reserved-paths.js';
import { isSlug } from './slug.js';

/**
 * A page of the publication (About, Contact, Privacy, Corrections policy…): one title, one structured body (the
 * articles' own, rendered by the same code), an optional photo, at `/{slug}/`. It has no section, byline or date:
 * readers meet it from the footer, not from a front.
 */
export const PAGE_STATUSES = ['draft', 'published'] as const;
export type PageStatus = (typeof PAGE_STATUSES)[number];

export const isPageStatus = (v: unknown): v is PageStatus =>
  typeof v === 'string' && (PAGE_STATUSES as readonly string[]).includes(v);

export const PAGE_STATUS_LABELS: Record<PageStatus, string> = { draft: 'Draft', published: 'Published' };

export interface PageInput {
  slug: string;
  title: string;
  body: Body;
  photo: { mediaId: number; caption: string; credit: string | null; alt: string } | null;
  status: PageStatus;
}

export interface PublicationPage extends Omit<PageInput, 'photo'> {
  id: number;
  photo: MainPhoto | null;
  /** Its place in the footer, counted from 1; null when the footer does not list it. */
  footerPosition: number | null;
  revision: number;
  createdAt: Date;
  /** When it first went live; null for a page never published. */
  publishedAt: Date | null;
  modifiedAt: Date;
}

/** The address of a page: one segment, like a top-level section's. */
export const publicationPagePath = (slug: string): string => `/${slug}/`;

/**
 * Why a slug cannot be a page's, before anything is looked up: its form, or an address the site keeps. Null when
 * it may be one (sections and other pages are asked by the service, which can read them).
 */
export const pageSlugProblem = (slug: string): string | null => {
  if (slug === '') return 'Give the page an address: lower-case letters, digits and dashes.';
  if (!isSlug(slug)) return 'Use lower-case letters, digits and dashes, at most 80 characters.';
  if (isReservedPath(slug)) return `The site keeps /${slug}/ for itself; choose another address.`;
  return null;
};

/** A revision's stored copy: everything a restore brings back. Read through this schema, never cast. */
export const PageSnapshotSchema = z.object({
  slug: z.string(),
  title: z.string(),
  body: BodySchema,
  photo: z
    .object({
      mediaId: z.number().int().positive(),
      caption: z.string(),
      credit: z.string().nullable(),
      alt: z.string(),
    })
    .nullable(),
  status: z.enum(PAGE_STATUSES),
});

/** What a page revision stores: its input, as JSON. */
export const pageSnapshot = (input: PageInput): string => JSON.stringify(PageSnapshotSchema.parse(input));

/** A stored copy read back; a copy that no longer validates says why instead. */
export const readPageSnapshot = (json: string): { ok: true; input: PageInput } | { ok: false; problem: string } => {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, problem: 'its stored copy is not JSON' };
  }
  const parsed = PageSnapshotSchema.safeParse(raw);
  return parsed.success
    ? { ok: true, input: parsed.data }
    : { ok: false, problem: 'its stored copy does not validate' };
};
