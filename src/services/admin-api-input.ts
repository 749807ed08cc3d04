import { z } from 'zod';
import type { ArticleStatus, Section } from '../domain/article.js';
import type { Block } from '../domain/body.js';
import { htmlToBody, htmlToPlainText, type ConvertedBlock } from '../domain/html-to-body.js';
import type { CustomFieldValues } from '../domain/custom-fields.js';
import { tagSlug } from '../domain/tag.js';
import type { FieldDefinition } from '../plugins/contract.js';
import type { Db } from '../storage/database.js';
import { mediaRowByIdAndHash } from '../storage/repositories/admin-api.repository.js';
import { authorRowBySlug, authorRowByUserId } from '../storage/repositories/author.repository.js';
import { findAccountRowByEmail } from '../storage/repositories/user.repository.js';
import { editionInLanguage } from './edition-language.js';
import { InvalidInput } from './errors.js';
import { customFieldsOfSave } from './save-article.js';
import { contextOfEdition, type SiteContext } from './site-context.js';

/**
 * What an Admin API client sends for a post or a page (Ghost's object, issue 16), read once and turned into what our
 * save paths take: tags into a section and tags, authors into bylines, our media addresses into media ids, HTML
 * into the structured body. Fields Ghost computes (id, uuid, url, excerpt…) are read past, as Ghost reads them.
 */

const TagRef = z.union([
  z.string(),
  z.looseObject({ name: z.string().nullish(), slug: z.string().nullish(), id: z.string().nullish() }),
]);
const AuthorRef = z.union([
  z.string(),
  z.looseObject({ email: z.string().nullish(), slug: z.string().nullish(), id: z.string().nullish() }),
]);

export const GhostItemInput = z.looseObject({
  title: z.string().nullish(),
  slug: z.string().nullish(),
  html: z.string().nullish(),
  lexical: z.unknown().optional(),
  mobiledoc: z.unknown().optional(),
  status: z.enum(['draft', 'published', 'scheduled'], { error: 'status is draft, published or scheduled.' }).optional(),
  published_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  tags: z.array(TagRef).max(50, 'Send at most 50 tags.').optional(),
  authors: z.array(AuthorRef).max(20, 'Send at most 20 authors.').optional(),
  custom_excerpt: z.string().nullish(),
  feature_image: z.string().nullish(),
  feature_image_alt: z.string().nullish(),
  feature_image_caption: z.string().nullish(),
  featured: z.boolean().optional(),
  meta_description: z.string().nullish(),
  /** The edition's language, as the Content API shows it: a new post goes into that edition. */
  lang: z.string().max(100, 'lang is a language tag such as en or ja.').nullish(),
  custom_fields: z
    .record(z.string(), z.union([z.string(), z.boolean(), z.null()]), {
      error: 'custom_fields is an object of field names to texts or true/false.',
    })
    .nullish(),
});
export type GhostItem = z.output<typeof GhostItemInput>;

/** `{ posts: [ {...} ] }` (or pages): exactly one object, as Ghost's client sends it. */
export const readEnvelope = (resource: 'posts' | 'pages', raw: unknown): GhostItem => {
  const list = (raw as Record<string, unknown> | null)?.[resource];
  if (!Array.isArray(list) || list.length !== 1) {
    throw new InvalidInput({ [resource]: `Send one object as { "${resource}": [ { … } ] }.` });
  }
  const parsed = GhostItemInput.safeParse(list[0]);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInput({ [String(issue?.path[0] ?? resource)]: issue?.message ?? 'The object could not be read.' });
  }
  return parsed.data;
};

const OUR_MEDIA = /^\/media\/([1-9]\d{0,9})-([0-9a-f]{16})\/[A-Za-z0-9._-]+$/;

/** The library image an address of ours names (as the images endpoint answered it), or null for any other. */
export const ourMediaOf = async (db: Db, address: string, baseUrl: string) => {
  let url: URL;
  try {
    url = new URL(address, `${baseUrl}/`);
  } catch {
    return null;
  }
  if (url.origin !== new URL(baseUrl).origin) return null;
  const m = OUR_MEDIA.exec(url.pathname);
  return m ? ((await mediaRowByIdAndHash(db, Number(m[1]), m[2]!)) ?? null) : null;
};

/** The body a converted HTML gives: images of our library placed, others dropped and said in the notes. */
export const bodyFromHtml = async (
  db: Db,
  html: string,
  baseUrl: string,
): Promise<{ body: Block[]; notes: string[] }> => {
  const converted = htmlToBody(html, { baseUrl });
  const notes = [...converted.notes];
  const body: Block[] = [];
  for (const block of converted.blocks as ConvertedBlock[]) {
    if (block.type !== 'image-source') {
      body.push(block);
      continue;
    }
    const { src, alt, caption, credit } = block.image;
    const media = await ourMediaOf(db, src, baseUrl);
    if (!media) {
      notes.push(`The image ${src} is not in the media library (upload it to images/upload/ first); it was left out.`);
      continue;
    }
    const described = alt.trim() || caption?.trim() || '';
    if (described === '') {
      throw new InvalidInput({ html: `Describe the image ${src} in its alt text: readers who cannot see it need it.` });
    }
    body.push({
      type: 'image',
      mediaId: media.id,
      alt: described.slice(0, 500),
      ...(caption ? { caption: caption.slice(0, 1000) } : {}),
      ...(credit ? { credit: credit.slice(0, 300) } : {}),
    });
  }
  return { body, notes };
};

/** A tag as sent: a name or a slug, or Ghost's tag object. */
const tagWords = (ref: z.output<typeof TagRef>): { name: string; slug: string } | null => {
  const name = (typeof ref === 'string' ? ref : (ref.name ?? ref.slug ?? ref.id ?? '')).trim();
  if (name === '') return null;
  return { name, slug: typeof ref === 'string' ? tagSlug(name) : (ref.slug ?? tagSlug(name)) };
};

/**
 * The section the tags name (the first that is a section's slug or name, as Ghost's primary tag is the first) and
 * the other tags, lower-cased as the newsroom keeps them. No section among them: `fallback`.
 */
export const sectionAndTags = (
  ctx: SiteContext,
  refs: readonly z.output<typeof TagRef>[],
  fallback: () => Section,
): { section: Section; tags: string[] } => {
  let section: Section | undefined;
  const tags: string[] = [];
  for (const ref of refs) {
    const words = tagWords(ref);
    if (!words) continue;
    const named =
      ctx.sections.bySlug.get(words.slug) ??
      ctx.sections.all.find((s) => s.name.toLowerCase() === words.name.toLowerCase());
    if (named && !section) section = named;
    else if (!tags.includes(words.name.toLowerCase())) tags.push(words.name.toLowerCase());
  }
  if (tags.length > 20 || tags.some((t) => t.length > 40)) {
    throw new InvalidInput({ tags: 'Use at most 20 tags of up to 40 characters.' });
  }
  return { section: section ?? fallback(), tags };
};

/**
 * The site's default section for an article whose tags name none: the setting's (a section of the site's own edition,
 * by its slug there), or the first top-level one, under its name in the edition of `ctx`.
 */
export const defaultSectionOf = (ctx: SiteContext): Section => {
  const named = (ctx.editions[0] ?? ctx).sections.bySlug.get(ctx.settings.defaultSection);
  const chosen = (named && ctx.sections.byId.get(named.id)) ?? ctx.sections.top[0];
  if (!chosen) throw new InvalidInput({ tags: 'The site has no section yet: make one in the newsroom first.' });
  return chosen;
};

/**
 * The edition a post is written in: a new one goes into the edition of its `lang` (the first when none is sent); an
 * existing one stays in its own, and a `lang` naming another is refused (a translation is made in the newsroom).
 */
export const editionOfPost = (site: SiteContext, lang: string | null | undefined, editionId: number | null) => {
  const own = editionId === null ? site : contextOfEdition(site, editionId);
  if (!lang) return own;
  const chosen = editionInLanguage(site, lang);
  if (!chosen.ok) throw new InvalidInput({ lang: `${chosen.problem[0]!.toUpperCase()}${chosen.problem.slice(1)}.` });
  if (editionId !== null && chosen.edition.edition.id !== editionId) {
    throw new InvalidInput({
      lang: `The post is in the ${own.edition.language} edition and stays there: translate it in the newsroom for ${chosen.edition.edition.language}.`,
    });
  }
  return chosen.edition;
};

const asTyped = (value: string | boolean | null): string =>
  value === true ? 'on' : value === false ? '' : (value ?? '');

/**
 * The plugins' custom fields a post stores: `custom_fields` sent over the stored ones (a client that sends none keeps
 * them), read by the save's own rule (customFieldsOfSave), so a required one must be filled once the post is
 * scheduled or published, as in the newsroom. A name no plugin defines is refused unless it repeats the stored value.
 */
export const customFieldsOfPost = (
  fields: readonly FieldDefinition[],
  sent: Readonly<Record<string, string | boolean | null>> | null | undefined,
  stored: CustomFieldValues,
  status: ArticleStatus,
): CustomFieldValues => {
  const defined = new Map(fields.map((f) => [f.name, f]));
  const typed: Record<string, string> = {};
  for (const [name, value] of Object.entries(stored)) typed[name] = asTyped(value);
  const problems: string[] = [];
  for (const [name, value] of Object.entries(sent ?? {})) {
    const field = defined.get(name);
    if (!field) {
      if (value !== (stored[name] ?? null))
        problems.push(`No plugin defines the custom field ${JSON.stringify(name)}.`);
    } else if (value !== null && (field.type === 'boolean') !== (typeof value === 'boolean')) {
      problems.push(`custom_fields.${name} takes ${field.type === 'boolean' ? 'true or false' : 'a text'}.`);
    } else typed[name] = asTyped(value);
  }
  const read = customFieldsOfSave(fields, typed, stored, status);
  for (const [formName, message] of Object.entries(read.errors)) {
    problems.push(`${message} (custom_fields.${formName.replace(/^custom-/, '')})`);
  }
  if (problems.length > 0) throw new InvalidInput({ custom_fields: problems.join(' ') });
  return read.values;
};

/** Bylines from authors sent by email (a newsroom account's linked profile) or slug; an unknown one is refused. */
export const bylinesOf = async (db: Db, refs: readonly z.output<typeof AuthorRef>[]): Promise<number[]> => {
  const ids: number[] = [];
  for (const ref of refs) {
    const key = (typeof ref === 'string' ? ref : (ref.email ?? ref.slug ?? ref.id ?? '')).trim();
    const byEmail = key.includes('@');
    let found: { id: number } | undefined;
    if (byEmail) {
      const account = await findAccountRowByEmail(db, key.toLowerCase());
      found = account ? await authorRowByUserId(db, account.id) : undefined;
    } else {
      found = await authorRowBySlug(db, key);
    }
    if (!found) {
      throw new InvalidInput({
        authors: byEmail
          ? `No author profile belongs to the account ${key}.`
          : `No author has the slug ${JSON.stringify(key)}.`,
      });
    }
    if (!ids.includes(found.id)) ids.push(found.id);
  }
  return ids;
};

/** Ghost's feature image caption is HTML; ours is text, with the credit apart. */
export const captionText = (html: string): string => htmlToPlainText(html).slice(0, 1000);
