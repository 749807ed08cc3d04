import { readFile, stat } from 'node:fs/promises';
import { articlePath } from '../domain/article-path.js';
import { paragraph } from '../domain/body.js';
import { instantFromZoned } from '../domain/dateline.js';
import { parsePageText, type PageDateline, type ParsedPage } from '../domain/page-text.js';
import { isReservedPath } from '../domain/reserved-paths.js';
import { slugify } from '../domain/slug.js';
import { fixedOffsetOf } from '../domain/zone-label.js';
import type { Db } from '../storage/database.js';
import { findArticleIdBySourceKey, findArticleRow } from '../storage/repositories/article.repository.js';
import { listSectionRows, nextSectionPosition, upsertSectionRow } from '../storage/repositories/section.repository.js';
import { pageHasSlug } from './publication-pages.js';
import { writeArticle } from './save-article.js';
import { loadSiteContext, type SiteContext } from './site-context.js';
import { insertImage, prepareImage, ImageRejected, type PreparedImage } from './store-image.js';

/** A problem with the input, reported to the user with the line it is on (0 for the whole file). */
export class ImportError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ImportPageOptions {
  /** Section slug to use when the page has no "Top Articles in …" line. */
  sectionSlug?: string;
  /** Optional photo to attach as the main photo, described by the page's caption line. */
  photo?: { bytes: Uint8Array; alt: string; credit?: string };
  now?: Date;
}

export interface ImportPageResult {
  articleId: number;
  path: string;
  created: boolean;
  notes: string[];
}

const toInstant = (dateline: PageDateline, ctx: SiteContext, line: number): Date => {
  const { wallTime, zoneLabel } = dateline;
  if (zoneLabel === ctx.settings.timeZoneLabel) return instantFromZoned(wallTime, ctx.settings.timeZone);
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

type SectionChoice = { id: number } | { create: { slug: string; name: string } };

const TOP_ARTICLES_PREFIX = 'Top Articles in ';

/**
 * 1-based line of the "Top Articles in X" line naming this section, so a refusal can point at it. Lines are
 * counted as parsePageText counts them; 0 when it cannot be found (the refusal then names the file only).
 */
const sectionNameLine = (text: string, sectionName: string): number => {
  const index = text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .findIndex(
      (line) => line.startsWith(TOP_ARTICLES_PREFIX) && line.slice(TOP_ARTICLES_PREFIX.length).trim() === sectionName,
    );
  return index + 1;
};

/** Refuses a section the page names whose address the site answers itself: its articles would all be 404s. */
const refuseReservedName = (text: string, sectionName: string, slug: string): void => {
  if (!isReservedPath(slug)) return;
  throw new ImportError(
    sectionNameLine(text, sectionName),
    `the section "${sectionName}" would live at /${slug}/, an address the site keeps for itself; ` +
      'create the section under another address in the newsroom and pass it with --section',
  );
};

const chooseSection = async (
  db: Db,
  text: string,
  page: ParsedPage,
  sectionSlug: string | undefined,
): Promise<SectionChoice> => {
  const rows = await listSectionRows(db);
  if (page.sectionName !== null) {
    const wanted = page.sectionName.toLowerCase();
    const found = rows.find((r) => r.name.toLowerCase() === wanted);
    if (found) {
      // A section made before the reserved list existed may sit at such an address; nothing more goes there.
      refuseReservedName(text, page.sectionName, found.slug);
      return { id: found.id };
    }
    const slug = slugify(page.sectionName, 40);
    refuseReservedName(text, page.sectionName, slug);
    if (rows.some((r) => r.slug === slug)) return { id: rows.find((r) => r.slug === slug)!.id };
    // A new section at a page's address would hide that page (sections are looked up first).
    if (await pageHasSlug(db, slug)) {
      throw new ImportError(
        sectionNameLine(text, page.sectionName),
        `the section "${page.sectionName}" would live at /${slug}/, the address of a page of the publication; ` +
          'create the section under another address in the newsroom and pass it with --section',
      );
    }
    return { create: { slug, name: page.sectionName } };
  }
  if (sectionSlug !== undefined && isReservedPath(sectionSlug)) {
    throw new ImportError(0, `"${sectionSlug}" is an address the site keeps for itself, not a section; choose another`);
  }
  if (sectionSlug === undefined) {
    throw new ImportError(
      0,
      'the page has no "Top Articles in …" line, so its section is unknown: pass --section SLUG',
    );
  }
  const found = rows.find((r) => r.slug === sectionSlug);
  if (!found) {
    throw new ImportError(
      0,
      `there is no section "${sectionSlug}" (sections: ${rows.map((r) => r.slug).join(', ') || 'none yet'})`,
    );
  }
  return { id: found.id };
};

/**
 * Imports an article page saved as plain text. Everything is checked before anything is written, and the
 * write is one transaction: a page that does not fit leaves the database as it was. The same page imported
 * again updates its article (matched by headline slug and publication date) instead of adding another.
 */
export const importPage = async (db: Db, text: string, opts: ImportPageOptions = {}): Promise<ImportPageResult> => {
  const parsed = parsePageText(text);
  if (!parsed.ok) throw new ImportError(parsed.line, parsed.message);
  const page = parsed.page;
  const ctx = await loadSiteContext(db);
  const publishedAt = toInstant(page.published, ctx, page.datelineLine);
  const updatedAt = page.updated ? toInstant(page.updated, ctx, page.datelineLine + 1) : null;
  if (updatedAt && updatedAt < publishedAt) {
    throw new ImportError(page.datelineLine + 1, 'the "Updated" time is earlier than the dateline');
  }
  const section = await chooseSection(db, text, page, opts.sectionSlug);
  const notes: string[] = [];
  let photo: PreparedImage | null = null;
  if (opts.photo) {
    try {
      photo = await prepareImage(opts.photo.bytes);
    } catch (error) {
      if (error instanceof ImageRejected) throw new ImportError(0, `photo: ${error.message}`);
      throw error;
    }
  } else if (page.photoCaption) {
    notes.push('The page has a photo caption but no --photo was given; the caption was not imported.');
  }

  const slug = slugify(page.headline);
  const sourceKey = `page:${slug}:${publishedAt.toISOString().slice(0, 10)}`;
  const now = opts.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const sectionId =
      'id' in section
        ? section.id
        : await upsertSectionRow(trx, { ...section.create, parent_id: null, position: await nextSectionPosition(trx) });
    if ('create' in section) notes.push(`Created the section "${section.create.name}" (/${section.create.slug}/).`);
    const existingId = await findArticleIdBySourceKey(trx, sourceKey);
    const stored = photo ? await insertImage(trx, photo, now) : null;
    const id = await writeArticle(
      trx,
      existingId ?? null,
      {
        slug,
        headline: page.headline,
        standfirst: null,
        body: page.paragraphs.map(paragraph),
        sectionId,
        authorIds: [],
        tags: [],
        photo:
          stored && opts.photo
            ? {
                mediaId: stored.mediaId,
                caption: page.photoCaption ?? '',
                credit: opts.photo.credit ?? null,
                alt: opts.photo.alt,
              }
            : null,
        status: 'published',
        publishedAt,
        updatedAt,
        sourceKey,
      },
      now,
    );
    const row = (await findArticleRow(trx, id))!;
    const fresh = await loadSiteContext(trx);
    const path = articlePath(fresh, fresh.sections.byId.get(row.section_id)!, new Date(row.first_published_at!), id);
    return { articleId: id, path, created: existingId === undefined, notes };
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
