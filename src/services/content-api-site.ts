import { storedBody } from '../domain/body.js';
import type { Body } from '../domain/body-text.js';
import type { OrderTerm } from '../domain/content-api-query.js';
import { publicationPagePath } from '../domain/publication-page.js';
import { sectionPath } from '../domain/section.js';
import { publisherLogo } from '../domain/structured-data.js';
import type { Db } from '../storage/database.js';
import { publishedPageRows, type PublishedPageRow } from '../storage/repositories/content-api.repository.js';
import { ghostItemFields, NO_SOCIAL_FIELDS, type ContentItem, type GhostObject } from './content-api-objects.js';
import { mainPhotoFromRow } from './main-photo-from-row.js';
import type { SiteContext } from './site-context.js';

/** What of a page row Ghost's page fields are made from (the Content API's, the Admin API's, webhooks' pages). */
export type PageFieldsRow = {
  id: number;
  slug: string;
  title: string;
  created_at: number;
  published_at: number | null;
  modified_at: number;
} & Parameters<typeof mainPhotoFromRow>[0];

/** A publication page as Ghost's page fields, whatever its status. */
export const pageFields = (ctx: SiteContext, row: PageFieldsRow, body: Body): GhostObject =>
  ghostItemFields(ctx, {
    kind: 'page',
    id: row.id,
    slug: row.slug,
    title: row.title,
    standfirst: null,
    body,
    photo: mainPhotoFromRow(row),
    featured: false,
    createdAt: row.created_at,
    publishedAt: row.published_at,
    updatedAt: row.modified_at,
    url: ctx.settings.baseUrl + publicationPagePath(row.slug),
    metaDescription: null,
    language: ctx.settings.language,
    customFields: {},
    translations: [],
  });

/** The page rows' value for an order term; a page's last update is its last save. */
const sortValue = (row: PublishedPageRow, field: string): number | string =>
  field === 'title' ? row.title : field === 'updated_at' ? row.modified_at : (row.published_at ?? 0);

const byOrder =
  (order: readonly OrderTerm[]) =>
  (a: PublishedPageRow, b: PublishedPageRow): number => {
    for (const term of order) {
      const x = sortValue(a, term.field);
      const y = sortValue(b, term.field);
      if (x !== y) return (x < y ? -1 : 1) * (term.direction === 'asc' ? 1 : -1);
    }
    return b.id - a.id;
  };

/**
 * The publication's published pages (About, Contact…) as Ghost's pages, in `order` (then newest id first). They
 * have no section, byline or tags: `tags` and `authors` are empty, as for a Ghost page that has none.
 */
export const loadContentPages = async (db: Db, ctx: SiteContext, order: readonly OrderTerm[]): Promise<ContentItem[]> =>
  (await publishedPageRows(db)).sort(byOrder(order)).map((row) => {
    const body = storedBody(row.body);
    return {
      fields: pageFields(ctx, row, body),
      body,
      tags: [],
      authors: [],
    };
  });

/**
 * Ghost's settings object: the publication's name, tagline, logo and icon, language, time zone and address, and its
 * top-level sections as the navigation. What Ghost has and we do not (accent colour, code injection…) is null.
 */
export const contentSettings = (ctx: SiteContext): GhostObject => {
  const s = ctx.settings;
  return {
    title: s.publicationName,
    description: s.tagline,
    logo: s.logo ? publisherLogo(s).url : null,
    // Always served: the uploaded icon, or one drawn from the publication's initials.
    icon: `${s.baseUrl}/icon-512.png`,
    accent_color: null,
    cover_image: null,
    facebook: null,
    twitter: s.twitterHandle || null,
    lang: s.language,
    locale: s.language,
    timezone: s.timeZone,
    codeinjection_head: null,
    codeinjection_foot: null,
    navigation: ctx.sections.top.map((section) => ({
      label: section.name,
      url: s.baseUrl + sectionPath(ctx.sections, section),
    })),
    secondary_navigation: [],
    meta_title: null,
    meta_description: null,
    ...NO_SOCIAL_FIELDS,
    url: `${s.baseUrl}/`,
  };
};
