/**
 * One Ghost post or page mapped to what Dateline makes of it (record 0027), before any storage: its body from
 * Lexical, else Mobiledoc, else HTML; its public tags in order, the first (Ghost's primary tag) as its section when
 * the site has a section with that slug; its authors in order; its feature image with alt text and caption; its
 * meta description. Members-only and paid posts become drafts (Dateline has no paywall yet). Pure.
 */
import { isHttpUrl, type AuthorLinks } from './author-links.js';
import { META_FIELDS, type GhostExport, type GhostMeta, type GhostPost, type GhostUser } from './ghost-export.js';
import { lexicalToBody } from './ghost-lexical.js';
import { mobiledocToBody } from './ghost-mobiledoc.js';
import { siteAddresses, type BodyConversion } from './ghost-body-out.js';
import { imageSource } from './html-to-body-embeds.js';
import { LIMITS } from './html-to-body-runs.js';
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

export interface GhostMapOptions {
  /** The site's section slugs: a primary tag with one of them is the post's section. */
  sectionSlugs: ReadonlySet<string>;
  /** The old site's address, for `__GHOST_URL__` and relative addresses; undefined when not given. */
  baseUrl: string | undefined;
}

export type GhostDecision = { skip: string } | { plan: ImportPlan };

/** Meta fields read into ours (or of no use outside Ghost: the newsletter's subject, the editor's front matter). */
const READ_META = new Set([
  'meta_description',
  'feature_image_alt',
  'feature_image_caption',
  'email_subject',
  'frontmatter',
]);
/** Ghost's fields Dateline has no place for, as the report names them when a post fills them in. */
const NOT_KEPT = [
  ...META_FIELDS.filter((f) => !READ_META.has(f)),
  'canonical_url',
  'codeinjection_head',
  'codeinjection_foot',
] as const;

const AUDIENCE: Record<string, string> = {
  members: 'members',
  paid: 'paying members',
  tiers: 'members of some tiers',
};

/** A tag Ghost keeps from readers: visibility "internal", or a name starting with "#". */
export const isInternalTag = (tag: { name: string; visibility: string }): boolean =>
  tag.visibility === 'internal' || tag.name.trim().startsWith('#');

export function mapGhostPost(post: GhostPost, ghost: GhostExport, opts: GhostMapOptions): GhostDecision {
  const kind = post.type ?? (post.page ? 'page' : 'post');
  if (kind !== 'post' && kind !== 'page') return { skip: `it is of the type "${kind}", not a post or a page` };
  const when = statusOf(post);
  if ('skip' in when) return when;
  const downgrades = [...when.downgrades];
  const title = post.title.replace(/\s+/g, ' ').trim();
  const headline = headlineOf(title, downgrades);
  const body = bodyOf(post, opts.baseUrl, downgrades);
  const meta = metaOf(post, ghost);
  const notes = [...body.notes];
  const tags = kind === 'post' ? publicTags(post, ghost) : [];
  return {
    plan: {
      kind,
      sourceId: post.id,
      line: 0,
      slug: sourceSlug(post.slug, title),
      headline,
      standfirst: kind === 'post' ? standfirstOf(post.custom_excerpt.replace(/\s+/g, ' ').trim(), downgrades) : null,
      blocks: body.blocks,
      status: when.status,
      publishedAt: when.publishedAt,
      featured: kind === 'post' && post.featured,
      section: kind === 'post' ? sectionOf(tags[0], opts, notes) : null,
      tags: tags.map((t) => t.name),
      bylines: kind === 'post' ? bylinesOf(post, ghost, downgrades) : [],
      photo: photoOf(post, meta, headline, opts.baseUrl, downgrades),
      seoDescription: meta.meta_description.trim().slice(0, MAX_SEO_DESCRIPTION) || null,
      customFields: {},
      unknownFields: [],
      downgrades: [...downgrades, ...notKept(post, meta)],
      notes,
      oldPaths: post.slug.trim() === '' ? [] : [`/${post.slug.trim()}/`],
    },
  };
}

type Status = { status: ImportPlan['status']; publishedAt: Date | null; downgrades: string[] } | { skip: string };

function statusOf(post: GhostPost): Status {
  const audience = post.visibility === '' || post.visibility === 'public' ? null : post.visibility;
  const membersOnly = [
    `it is for ${AUDIENCE[audience ?? ''] ?? `"${audience}" readers`} only in Ghost, so it was imported as a draft ` +
      '(Dateline has no paywall yet; it was never made public)',
  ];
  switch (post.status) {
    case 'published': {
      const at = post.published_at ?? post.created_at;
      if (at === null) return { skip: 'it is published but has no date' };
      if (audience !== null) return { status: 'draft', publishedAt: null, downgrades: membersOnly };
      return { status: 'published', publishedAt: at, downgrades: [] };
    }
    case 'scheduled':
      if (post.published_at === null) return { skip: 'it is scheduled but has no date' };
      if (audience !== null) return { status: 'draft', publishedAt: null, downgrades: membersOnly };
      return { status: 'scheduled', publishedAt: post.published_at, downgrades: [] };
    case 'draft':
      return { status: 'draft', publishedAt: null, downgrades: [] };
    case 'sent':
      return {
        status: 'draft',
        publishedAt: null,
        downgrades: ['it was sent as a newsletter only, never published on the site, so it was imported as a draft'],
      };
    default:
      return { skip: `its status "${post.status}" is not one a post has` };
  }
}

/** Lexical where the post has it, else Mobiledoc, else HTML: the first that reads. */
function bodyOf(post: GhostPost, baseUrl: string | undefined, downgrades: string[]): BodyConversion {
  const forms = [
    { name: 'Lexical', text: post.lexical, read: lexicalToBody },
    { name: 'Mobiledoc', text: post.mobiledoc, read: mobiledocToBody },
  ];
  for (const form of forms) {
    if (form.text === null || form.text.trim() === '') continue;
    const read = form.read(form.text, baseUrl);
    if (read) return read;
    downgrades.push(`its ${form.name} document could not be read, so the next form of its body was used`);
  }
  if (post.html === null || post.html.trim() === '') return { blocks: [], notes: [] };
  return htmlToBody(siteAddresses(post.html, baseUrl), baseUrl ? { baseUrl } : {});
}

/** The post's meta and social fields: posts_meta (Ghost 4 and later) where it says something, else the post's. */
function metaOf(post: GhostPost, ghost: GhostExport): GhostMeta {
  const own = ghost.meta.get(post.id);
  return Object.fromEntries(META_FIELDS.map((f) => [f, own?.[f] || post[f]])) as GhostMeta;
}

/** The post's tags readers see, in Ghost's order (the first is the primary tag), each once. */
function publicTags(post: GhostPost, ghost: GhostExport): { slug: string; name: string }[] {
  const seen = new Set<string>();
  const out: { slug: string; name: string }[] = [];
  for (const id of ghost.tagsOf.get(post.id) ?? []) {
    const tag = ghost.tags.get(id);
    const name = tag?.name.trim() ?? '';
    if (!tag || name === '' || isInternalTag(tag) || seen.has(tagSlug(name))) continue;
    seen.add(tagSlug(name));
    out.push({ slug: tag.slug, name });
  }
  return out;
}

function sectionOf(
  primary: { slug: string; name: string } | undefined,
  opts: GhostMapOptions,
  notes: string[],
): SectionPlace | null {
  if (primary && opts.sectionSlugs.has(primary.slug)) return { top: primary, sub: null };
  notes.push('Its primary tag names no section of the site (or it has none), so it went to the default section.');
  return null;
}

/** The post's authors in their order; Ghost 1 and 2 gave one author_id on the post. */
function bylinesOf(post: GhostPost, ghost: GhostExport, downgrades: string[]): ImportByline[] {
  const ids = ghost.authorsOf.get(post.id) ?? (post.author_id ? [post.author_id] : []);
  const out: ImportByline[] = [];
  for (const id of new Set(ids)) {
    const user = ghost.users.get(id);
    if (user) out.push(bylineOf(user));
    else downgrades.push(`its author ${id} is not in the export, so that byline was left off`);
  }
  return out;
}

export function bylineOf(user: GhostUser): ImportByline {
  const links: AuthorLinks = {};
  if (isHttpUrl(user.website)) links.website = user.website;
  const handle = /^@?([A-Za-z0-9_]{1,15})$/.exec(user.twitter.trim());
  if (handle) links.x = `https://x.com/${handle[1]}`;
  // Author slugs are ASCII: a name in another script gives none, so the profile is "author" (suffixed when taken).
  const slug = sourceSlug(user.slug, user.name);
  const usable = slug !== 'article' || /article/.test(user.slug);
  return { sourceId: user.id, slug: usable ? slug : 'author', name: user.name || user.slug, bio: user.bio, links };
}

function photoOf(
  post: GhostPost,
  meta: GhostMeta,
  headline: string,
  baseUrl: string | undefined,
  downgrades: string[],
): ImportPhoto | null {
  if (post.feature_image.trim() === '') return null;
  const url = imageSource(siteAddresses(post.feature_image, baseUrl), baseUrl);
  if (url === null) {
    downgrades.push(`its feature image ${post.feature_image} is not a web address, so it was left out`);
    return null;
  }
  const caption = htmlToPlainText(meta.feature_image_caption).slice(0, LIMITS.caption);
  return { url, alt: altOf(meta.feature_image_alt, caption || headline), caption };
}

function notKept(post: GhostPost, meta: GhostMeta): string[] {
  const filled = NOT_KEPT.filter((f) => (f in meta ? meta[f as keyof GhostMeta] : post[f]).trim() !== '');
  if (filled.length === 0) return [];
  return [
    `its ${filled.join(', ')} ${filled.length === 1 ? 'was' : 'were'} not kept: Dateline has no such fields ` +
      '(its pages and social cards use the headline, the description and the main photo)',
  ];
}
