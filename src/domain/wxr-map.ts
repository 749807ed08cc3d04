/**
 * One WordPress item mapped to what Dateline makes of it (record 0024), before any storage: a post to an article, a
 * page to a page, anything else skipped with the reason the report gives. Pure: the importer resolves the section,
 * bylines, images and slugs it names against the database.
 */
import { bodyText } from './body-text.js';
import type { CustomFieldValues } from './custom-fields.js';
import { MAX_FIELD_TEXT } from './custom-fields.js';
import { htmlToBody, htmlToPlainText } from './html-to-body.js';
import {
  altOf,
  headlineOf,
  MAX_SEO_DESCRIPTION,
  sourceSlug,
  standfirstOf,
  type ImportByline,
  type ImportPhoto,
  type ImportPlan,
  type SectionPlace,
} from './import-plan.js';
import { tagSlug } from './tag.js';
import { metaOf, siteOf, type WxrIndex } from './wxr-index.js';
import type { WxrItem } from './wxr-parse.js';

export type WxrDecision = { skip: string } | { plan: ImportPlan };

export interface WxrMapOptions {
  /** Custom fields plugins declare: name → type. */
  declaredFields: ReadonlyMap<string, string>;
}

const SKIPPED_TYPES: Record<string, string> = {
  nav_menu_item: 'it is a navigation menu item, not content',
  attachment: 'it is an attachment (its image is imported where a post uses it)',
  revision: 'it is a revision (the post itself is imported)',
  'guest-author': 'it is a Co-Authors Plus guest author (imported as an author profile where a post names them)',
  wp_block: 'it is a reusable block, not content',
  wp_template: 'it is a theme template, not content',
  wp_template_part: 'it is a theme template, not content',
  wp_global_styles: 'it is theme styles, not content',
  wp_navigation: 'it is a navigation menu, not content',
  custom_css: 'it is theme styles, not content',
  customize_changeset: 'it is a Customizer change, not content',
  oembed_cache: 'it is a cached embed, not content',
  user_request: 'it is a privacy request, not content',
};

/** Meta keys read into our own fields, never listed as custom fields. */
const MAPPED_META = new Set(['_thumbnail_id', '_yoast_wpseo_metadesc', '_yoast_wpseo_title', '_yoast_wpseo_canonical']);

export function mapWxrItem(item: WxrItem, index: WxrIndex, opts: WxrMapOptions): WxrDecision {
  const type = item.postType || 'post';
  if (type !== 'post' && type !== 'page')
    return { skip: SKIPPED_TYPES[type] ?? `it is of the type "${type}", not a post or a page` };
  if (item.postId === '') return { skip: 'it has no wp:post_id, so a later import could not find it again' };
  const when = statusOf(item);
  if ('skip' in when) return when;
  const base = siteOf(index.channel);
  const converted = htmlToBody(item.content, base ? { baseUrl: base } : {});
  const downgrades = [...when.downgrades];
  const title = htmlToPlainText(item.title);
  const headline = headlineOf(title, downgrades);
  const standfirst = standfirstOf(htmlToPlainText(item.excerpt), downgrades);
  const fields = customFieldsOf(item, opts);
  // The teaser before <!--more--> is what WordPress showed in lists and feeds: it describes the article to search
  // engines and shared links when Yoast gave no description. (As the standfirst it would stand twice on the page.)
  const teaser = converted.moreAt
    ? bodyText(converted.blocks.slice(0, converted.moreAt).filter((b) => b.type !== 'image-source'))
    : '';
  const seo = seoOf(item, downgrades, teaser);
  const featured = type === 'post' && item.sticky;
  return {
    plan: {
      kind: type,
      sourceId: item.postId,
      line: item.line,
      slug: sourceSlug(item.postName, title),
      headline,
      standfirst: type === 'post' ? standfirst : null,
      blocks: converted.blocks,
      status: when.status,
      publishedAt: when.publishedAt,
      featured,
      section: type === 'post' ? sectionOf(item, index) : null,
      tags: type === 'post' ? tagsOf(item) : [],
      bylines: type === 'post' ? bylinesOf(item, index) : [],
      photo: photoOf(item, index, headline, downgrades),
      seoDescription: seo,
      customFields: fields.kept,
      unknownFields: fields.unknown,
      downgrades,
      notes: converted.notes,
      oldPaths: oldPathsOf(item, type),
    },
  };
}

type Status = { status: ImportPlan['status']; publishedAt: Date | null; downgrades: string[] } | { skip: string };

function statusOf(item: WxrItem): Status {
  const at = dateOf(item.postDateGmt) ?? dateOf(item.postDate);
  const protectedBy =
    item.password !== ''
      ? [
          'it is password-protected in WordPress, so it was imported as a draft (Dateline has no password-protected articles; it was never made public)',
        ]
      : [];
  switch (item.status) {
    case 'publish':
      if (protectedBy.length > 0) return { status: 'draft', publishedAt: null, downgrades: protectedBy };
      return at
        ? { status: 'published', publishedAt: at, downgrades: [] }
        : { skip: 'it is published but has no date' };
    case 'future':
      if (protectedBy.length > 0) return { status: 'draft', publishedAt: null, downgrades: protectedBy };
      return at
        ? { status: 'scheduled', publishedAt: at, downgrades: [] }
        : { skip: 'it is scheduled but has no date' };
    case 'draft':
    case 'pending':
      return { status: 'draft', publishedAt: null, downgrades: protectedBy };
    case 'private':
      return {
        status: 'draft',
        publishedAt: null,
        downgrades: ['it is private in WordPress, so it was imported as a draft (Dateline has no private articles)'],
      };
    case 'trash':
      return { skip: 'it is in the trash' };
    case 'auto-draft':
      return { skip: 'it is an automatic draft WordPress made, never written' };
    default:
      return { skip: `its status "${item.status}" is not one a post has` };
  }
}

/** "2024-05-01 09:30:00" as UTC (post_date_gmt); WordPress writes zeros for a draft's. */
export function dateOf(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(text.trim());
  if (!m || m[1] === '0000') return null;
  const at = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return Number.isNaN(at) ? null : new Date(at);
}

/** The first category, with its parents: the top one is the section, the next one down the subsection. */
function sectionOf(item: WxrItem, index: WxrIndex): SectionPlace | null {
  const first = item.categories.find((c) => c.domain === 'category' && c.nicename !== '');
  if (!first) return null;
  const chain: { slug: string; name: string }[] = [];
  const seen = new Set<string>();
  let slug = first.nicename;
  while (slug !== '' && !seen.has(slug)) {
    seen.add(slug);
    const term = index.categories.get(slug);
    chain.unshift({ slug, name: term?.name || (slug === first.nicename ? first.name : slug) || slug });
    slug = term?.parent ?? '';
  }
  return { top: chain[0]!, sub: chain[1] ?? null };
}

/** The other categories and every tag, in the item's order, each once. */
function tagsOf(item: WxrItem): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let firstCategory = true;
  for (const c of item.categories) {
    if (c.domain === 'category' && firstCategory && c.nicename !== '') {
      firstCategory = false;
      continue;
    }
    if (c.domain !== 'category' && c.domain !== 'post_tag') continue;
    const name = c.name.trim();
    if (name === '' || seen.has(tagSlug(name))) continue;
    seen.add(tagSlug(name));
    out.push(name);
  }
  return out;
}

/** Co-Authors Plus's `author` terms (cap-{login}) in their order, else the item's dc:creator. */
function bylinesOf(item: WxrItem, index: WxrIndex): ImportByline[] {
  const cap = item.categories
    .filter((c) => c.domain === 'author' && c.nicename !== '')
    .map((c) => {
      const login = c.nicename.replace(/^cap-/, '');
      const known = index.authors.get(login)?.displayName || index.guestAuthors.get(login)?.displayName;
      return { sourceId: login, slug: login, name: known || c.name.trim() || login };
    });
  if (cap.length > 0) return cap.filter((b, i) => cap.findIndex((o) => o.sourceId === b.sourceId) === i);
  const login = item.creator.trim();
  const author = index.authors.get(login);
  return author ? [{ sourceId: login, slug: login, name: author.displayName || login }] : [];
}

/** The featured image (_thumbnail_id): the attachment's address and alt text, when the export has it. */
function photoOf(item: WxrItem, index: WxrIndex, headline: string, downgrades: string[]): ImportPhoto | null {
  const id = metaOf(item, '_thumbnail_id')?.trim();
  if (!id) return null;
  const attachment = index.attachments.get(id);
  if (attachment) return { url: attachment.url, alt: altOf(attachment.alt, headline), caption: '' };
  downgrades.push(`its featured image (attachment ${id}) is not in the export`);
  return null;
}

function seoOf(item: WxrItem, downgrades: string[], teaser: string): string | null {
  const title = metaOf(item, '_yoast_wpseo_title')?.trim();
  const canonical = metaOf(item, '_yoast_wpseo_canonical')?.trim();
  if (title) downgrades.push('its Yoast SEO title was not kept: an article is titled by its headline');
  if (canonical)
    downgrades.push(
      `its Yoast canonical address (${canonical}) was not kept: an article's canonical is its own address`,
    );
  const description = metaOf(item, '_yoast_wpseo_metadesc')?.trim();
  if (description) return description.slice(0, MAX_SEO_DESCRIPTION);
  const words = teaser.replace(/\s+/g, ' ').trim();
  if (!words) return null;
  return words.length <= MAX_SEO_DESCRIPTION ? words : `${words.slice(0, MAX_SEO_DESCRIPTION - 1).trimEnd()}…`;
}

/** Custom fields: underscore keys are WordPress's and plugins' own; the others are kept when a plugin declares them. */
function customFieldsOf(item: WxrItem, opts: WxrMapOptions): { kept: CustomFieldValues; unknown: string[] } {
  const kept: CustomFieldValues = {};
  const unknown: string[] = [];
  for (const { key, value } of item.meta) {
    if (key.startsWith('_') || MAPPED_META.has(key)) continue;
    const type = opts.declaredFields.get(key);
    if (type === undefined) {
      if (!unknown.includes(key)) unknown.push(key);
    } else if (type === 'boolean') kept[key] = value.trim() === '1' || value.trim().toLowerCase() === 'true';
    else if (value.trim() !== '') kept[key] = value.trim().slice(0, MAX_FIELD_TEXT);
  }
  return { kept, unknown };
}

function oldPathsOf(item: WxrItem, type: 'post' | 'page'): string[] {
  const paths: string[] = [];
  try {
    const url = new URL(item.link);
    const path = `${url.pathname}${url.search}`;
    if (path !== '/' && path !== '') paths.push(path);
  } catch {
    // A link that is no address gives no old address.
  }
  paths.push(`/?p=${item.postId}`);
  if (type === 'page') paths.push(`/?page_id=${item.postId}`);
  return [...new Set(paths)];
}
