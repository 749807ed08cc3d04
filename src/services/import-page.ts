import { readFile, stat } from 'node:fs/promises';
import type { ArticleInput } from '../domain/article.js';
import { articlePath } from '../domain/article-path.js';
import { paragraph } from '../domain/body.js';
import { parseStoredCustomFields } from '../domain/custom-fields.js';
import { instantFromZoned } from '../domain/dateline.js';
import { parsePageText, type PageDateline } from '../domain/page-text.js';
import { slugify } from '../domain/slug.js';
import { fixedOffsetOf } from '../domain/zone-label.js';
import type { Db } from '../storage/database.js';
import {
  findArticleIdBySourceKey,
  findArticleRow,
  tagRowsForArticle,
} from '../storage/repositories/article.repository.js';
import { forgetRendersOfTranslationGroups } from '../storage/repositories/article-render.repository.js';
import { bylineRowsForArticle } from '../storage/repositories/author.repository.js';
import { articleEditionRow, insertTranslationLink } from '../storage/repositories/edition.repository.js';
import { nextSectionPosition, upsertSectionRow } from '../storage/repositories/section.repository.js';
import { writeArticleRevision } from './save-article.js';
import { contextOfEdition, loadSiteContext, type SiteContext } from './site-context.js';
import { insertImage, prepareImage, ImageRejected, type PreparedImage } from './store-image.js';
import {
  chooseEdition,
  chooseEditionSection,
  findSource,
  refuseOtherTranslation,
  sourceKeyOf,
} from './import-edition.js';
import { ImportError } from './import-error.js';
import { chooseSection, type SectionChoice } from './import-page-section.js';
import { whyNotLinked } from './translations.js';

// Where the CLI and the tests have always found it.
export { ImportError };

export interface ImportPageOptions {
  /** Section slug to use when the page has no "Top Articles in …" line. */
  sectionSlug?: string;
  /** Optional photo to attach as the main photo, described by the page's caption line. */
  photo?: { bytes: Uint8Array; alt: string; credit?: string };
  /**
   * The language of the page (BCP 47): it goes into the edition in that language, matched on the primary subtag
   * ("ja-JP" finds the ja edition). Absent: the first edition, exactly as before editions.
   */
  language?: string;
  /** The reader address (path or URL) of the article this page translates: linked as its translation. Needs `language`. */
  translationOf?: string;
  /** Alt text for the source's main photo when a translation takes it over (no `photo` given). */
  alt?: string;
  now?: Date;
}

export interface ImportPageResult {
  articleId: number;
  path: string;
  created: boolean;
  /**
   * The article's status before the import (null: created by it), read in the import's transaction, so the caller
   * tells plugins' hooks what the import did (plugin-events.ts hookOf): a page re-imported after the newsroom
   * unpublished it is published again, not updated.
   */
  statusBefore: string | null;
  notes: string[];
}

const toInstant = (dateline: PageDateline, ctx: SiteContext, line: number): Date => {
  const { wallTime, zoneLabel } = dateline;
  // A Japanese-style dateline prints no zone: it is the site's own, as the edition that printed it reads it.
  if (zoneLabel === null || zoneLabel === ctx.settings.timeZoneLabel)
    return instantFromZoned(wallTime, ctx.settings.timeZone);
  const offset = fixedOffsetOf(zoneLabel);
  if (offset === undefined) {
    throw new ImportError(
      line,
      `unknown time zone "${zoneLabel}" in the dateline (the site's own is ${ctx.settings.timeZoneLabel}; UTC, GMT, JST, CET, EST and the like are understood)`,
    );
  }
  const { year, month, day, hour, minute } = wallTime;
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - offset * 60_000);
};

/**
 * Imports an article page saved as plain text. Everything is checked before anything is written, and the
 * write is one transaction: a page that does not fit leaves the database as it was. The same page imported
 * again updates its article (matched by headline slug and publication date) instead of adding another.
 *
 * With a language, the page goes into that language's edition; with --translation-of too, it is linked as the
 * translation of the article at that address, in the same transaction, and takes over the source's section,
 * bylines and tags (and its main photo when no other is given), as the newsroom's Translate does.
 */
export const importPage = async (db: Db, text: string, opts: ImportPageOptions = {}): Promise<ImportPageResult> => {
  const parsed = parsePageText(text);
  if (!parsed.ok) throw new ImportError(parsed.line, parsed.message);
  const page = parsed.page;
  if (opts.translationOf !== undefined && opts.language === undefined)
    throw new ImportError(0, '--translation-of needs --lang, the language of the page');
  const site = await loadSiteContext(db);
  const edition = chooseEdition(site, opts.language);
  const isFirst = edition === site;
  const publishedAt = toInstant(page.published, edition, page.datelineLine);
  const updatedAt = page.updated ? toInstant(page.updated, edition, page.datelineLine + 1) : null;
  if (updatedAt && updatedAt < publishedAt) {
    throw new ImportError(page.datelineLine + 1, 'the "Updated" time is earlier than the dateline');
  }
  const notes: string[] = [];
  const source =
    opts.translationOf === undefined ? null : await findSource(db, site, edition, opts.translationOf, notes);
  const sourceKey = sourceKeyOf(page, publishedAt, edition, isFirst);
  const existingId = await findArticleIdBySourceKey(db, sourceKey);
  if (existingId !== undefined && (await articleEditionRow(db, existingId))?.edition_id !== edition.edition.id)
    throw new ImportError(0, `this page was imported before as article ${existingId}, which is in another edition`);
  if (source) await refuseOtherTranslation(db, source, existingId, edition.edition.language);
  const section: SectionChoice = source
    ? { id: source.row.section_id }
    : isFirst
      ? await chooseSection(db, site, text, page, opts.sectionSlug)
      : { id: chooseEditionSection(edition, page, opts.sectionSlug) };
  if (source && page.sectionName !== null) {
    const named = edition.sections.byId.get(source.row.section_id)?.name;
    if (named !== undefined && named.toLowerCase() !== page.sectionName.toLowerCase())
      notes.push(`The page names the section "${page.sectionName}"; a translation goes in its source's, ${named}.`);
  }
  let photo: PreparedImage | null = null;
  if (opts.photo) {
    try {
      photo = await prepareImage(opts.photo.bytes);
    } catch (error) {
      if (error instanceof ImageRejected) throw new ImportError(0, `photo: ${error.message}`);
      throw error;
    }
  } else if (page.photoCaption && !(source && source.row.photo_media_id !== null)) {
    notes.push('The page has a photo caption but no --photo was given; the caption was not imported.');
  }
  const [bylines, tags] = source
    ? await Promise.all([bylineRowsForArticle(db, source.row.id), tagRowsForArticle(db, source.row.id)])
    : [[], []];

  const now = opts.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const sectionId =
      'id' in section
        ? section.id
        : await upsertSectionRow(trx, { ...section.create, parent_id: null, position: await nextSectionPosition(trx) });
    if ('create' in section) notes.push(`Created the section "${section.create.name}" (/${section.create.slug}/).`);
    const stored = photo ? await insertImage(trx, photo, now) : null;
    const input: ArticleInput = {
      slug: source?.row.slug ?? slugify(page.headline),
      headline: page.headline,
      standfirst: null,
      body: page.paragraphs.map(paragraph),
      sectionId,
      authorIds: bylines.map((b) => b.id),
      tags: tags.map((t) => t.tag),
      photo:
        stored && opts.photo
          ? {
              mediaId: stored.mediaId,
              caption: page.photoCaption ?? '',
              credit: opts.photo.credit ?? null,
              alt: opts.photo.alt,
            }
          : source && source.row.photo_media_id !== null
            ? {
                mediaId: source.row.photo_media_id,
                caption: page.photoCaption ?? source.row.photo_caption ?? '',
                credit: source.row.photo_credit,
                alt: opts.alt ?? source.row.photo_alt ?? '',
              }
            : null,
      status: 'published',
      publishedAt,
      updatedAt,
      sourceKey,
      // A new translation takes its source's custom fields, as the newsroom's Translate does; a re-import keeps its own.
      ...(source && existingId === undefined
        ? { customFields: parseStoredCustomFields(source.row.custom_fields) }
        : {}),
    };
    const { id, statusBefore } = await writeArticleRevision(
      trx,
      existingId ?? null,
      input,
      now,
      // One page from the CLI is a newsroom's change (its post webhooks go out too): its new tags are announced.
      { ...(existingId === undefined && !isFirst ? { editionId: edition.edition.id } : {}), site },
    );
    if (source && source.translationInEdition !== id) {
      if (!(await insertTranslationLink(trx, { sourceId: source.row.id, translationId: id, at: now.getTime() }))) {
        // Checked above; only another writer in the meantime gets here, and the whole import is undone.
        throw new ImportError(0, (await whyNotLinked(trx, source.row.id, id)).message);
      }
      // The source's page and its other translations' now link to this one.
      await forgetRendersOfTranslationGroups(trx, [id]);
      notes.push(`Linked as the ${edition.edition.language} translation of article ${source.row.id}.`);
    }
    const row = (await findArticleRow(trx, id))!;
    const fresh = contextOfEdition(await loadSiteContext(trx), edition.edition.id);
    const path = articlePath(fresh, fresh.sections.byId.get(row.section_id)!, new Date(row.first_published_at!), id);
    return { articleId: id, path, created: existingId === undefined, statusBefore, notes };
  });
};

export const importPageFile = async (db: Db, file: string, opts: ImportPageOptions = {}): Promise<ImportPageResult> => {
  let text: string;
  try {
    if ((await stat(file)).size > 1024 * 1024)
      throw new ImportError(0, 'the file is larger than 1 MB; an article page is far smaller');
    text = (await readFile(file)).toString('utf8');
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportError(
      0,
      code === 'ENOENT'
        ? `no such file: ${file}`
        : code === 'EISDIR'
          ? `${file} is a folder, not a file`
          : `cannot read ${file} (${code ?? 'error'})`,
    );
  }
  return importPage(db, text, opts);
};
