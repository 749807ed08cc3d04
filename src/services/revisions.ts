import { revisionAuthor } from '../domain/workflow.js';
import { articleStatusOf, isArticleStatus, type ArticleInput, type ArticleStatus } from '../domain/article.js';
import { imageIdsOf } from '../domain/body.js';
import { serializeBodyMarkup } from '../domain/body-markup.js';
import type { CustomFieldValues } from '../domain/custom-fields.js';
import { parseRevisionSnapshot } from '../domain/revision-snapshot.js';
import type { Db } from '../storage/database.js';
import { findArticleRow } from '../storage/repositories/article.repository.js';
import { authorRowsByIds } from '../storage/repositories/author.repository.js';
import { findMediaRows } from '../storage/repositories/media.repository.js';
import { countRevisionRows, revisionListRows, revisionRowsByKey } from '../storage/repositories/revision.repository.js';
import { listSectionRows } from '../storage/repositories/section.repository.js';
import { InvalidInput, NotFound } from './errors.js';
import { saveArticle } from './save-article.js';
import type { SiteContext } from './site-context.js';

/** A revision's content as people compare it: plain fields, the body in its markup spelling. */
export interface RevisionContent {
  headline: string;
  standfirst: string;
  body: string;
  section: string;
  tags: string;
  /** Plugins' custom field values as that revision kept them (none in a copy saved without any). */
  customFields: CustomFieldValues;
}

/** One line of an article's revision list: what the revision is, never its stored copy. */
export interface RevisionSummary {
  revision: number;
  savedAt: Date;
  savedBy: string | null;
  /** Saved by the editor's timer; the person's next autosave rewrites it until they save by hand. */
  autosave: boolean;
  /** The stored copy's size in bytes. */
  size: number;
  /** The state that save left the article in; null when an old stored copy held none readable. */
  status: ArticleStatus | null;
}

export interface RevisionPage {
  /** Newest first. */
  revisions: RevisionSummary[];
  /** The revision just older than this page's last one, if any: the list compares each line with the one before. */
  older: RevisionSummary | null;
  page: number;
  pages: number;
}

export const REVISIONS_PER_PAGE = 50;

const contentOf = (ctx: SiteContext, input: ArticleInput): RevisionContent => ({
  headline: input.headline,
  standfirst: input.standfirst ?? '',
  body: serializeBodyMarkup(input.body),
  section: ctx.sections.byId.get(input.sectionId)?.name ?? `section ${input.sectionId}`,
  tags: input.tags.join(', '),
  customFields: input.customFields ?? {},
});

const unreadable = (problem: string): RevisionContent => ({
  headline: `(this revision cannot be read: ${problem})`,
  standfirst: '',
  body: '',
  section: '',
  tags: '',
  customFields: {},
});

/**
 * One page of an article's revisions, newest first; a page past the last comes back empty, with `pages` saying
 * how many there are (page 1 always exists). Reads the list's index only: a long history costs no stored copies.
 */
export const revisionPage = async (
  db: Db,
  articleId: number,
  page: number,
  perPage = REVISIONS_PER_PAGE,
): Promise<RevisionPage> => {
  const [total, rows] = await Promise.all([
    countRevisionRows(db, articleId),
    // One more than a page: the line before the page's last, for its "what changed" mark.
    revisionListRows(db, articleId, perPage + 1, (page - 1) * perPage),
  ]);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const summaries = rows.map((r): RevisionSummary => ({
    revision: r.revision,
    savedAt: new Date(r.saved_at),
    savedBy: revisionAuthor(r),
    autosave: r.autosave === 1,
    size: r.size,
    status: isArticleStatus(r.status) ? r.status : null,
  }));
  return { revisions: summaries.slice(0, perPage), older: summaries[perPage] ?? null, page, pages };
};

/** The compared fields of two revisions, each read by its key; NotFound when either is not the article's. */
export const revisionsToCompare = async (
  db: Db,
  ctx: SiteContext,
  articleId: number,
  a: number,
  b: number,
): Promise<{ a: RevisionContent; b: RevisionContent }> => {
  const rows = await revisionRowsByKey(db, articleId, [a, b]);
  const contentAt = (revision: number): RevisionContent => {
    const row = rows.find((r) => r.revision === revision);
    if (!row) throw new NotFound('revision', 'Choose two revisions from the list.');
    const read = parseRevisionSnapshot(row.snapshot);
    return read.ok ? contentOf(ctx, read.input) : unreadable(read.problem);
  };
  return { a: contentAt(a), b: contentAt(b) };
};

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** What an old version names that is gone since: authors, images, its section. Empty when all still exist. */
const missingParts = async (db: Db, input: ArticleInput): Promise<string[]> => {
  const images = [...new Set([...(input.photo ? [input.photo.mediaId] : []), ...imageIdsOf(input.body)])];
  const [authors, media, sections] = await Promise.all([
    authorRowsByIds(db, input.authorIds),
    findMediaRows(db, images),
    listSectionRows(db),
  ]);
  const goneAuthors = input.authorIds.filter((id) => !authors.some((a) => a.id === id));
  const goneImages = images.filter((id) => !media.some((m) => m.id === id));
  return [
    ...(goneAuthors.length === 0
      ? []
      : [
          `${plural(goneAuthors.length, 'an author it names has', 'authors it names have')} been removed (author ${goneAuthors.join(', ')})`,
        ]),
    ...(goneImages.length === 0
      ? []
      : [
          `${plural(goneImages.length, 'an image it places is', 'images it places are')} no longer in the library (media:${goneImages.join(', media:')})`,
        ]),
    ...(sections.some((s) => s.id === input.sectionId)
      ? []
      : [`its section no longer exists (section ${input.sectionId})`]),
  ];
};

/**
 * Brings back an earlier revision's words (headline, standfirst, body, section, bylines, tags, photo, custom
 * fields) as a new revision. The article's place in the workflow and its times stay as they are now. A revision whose stored
 * copy no longer validates, or that names an author, image or section since removed, is refused with the
 * reason and nothing is written.
 */
export const restoreRevision = async (
  db: Db,
  articleId: number,
  revision: number,
  actorId: number,
  now: Date,
  /** The site, so tags the revision brings back that no article carries now are announced (tag.added). */
  site?: SiteContext,
): Promise<void> => {
  const [[wanted], current] = await Promise.all([
    revisionRowsByKey(db, articleId, [revision]),
    findArticleRow(db, articleId),
  ]);
  if (!wanted || !current) throw new NotFound('revision', 'That revision does not exist.');
  const read = parseRevisionSnapshot(wanted.snapshot);
  const problems = read.ok ? await missingParts(db, read.input) : [read.problem];
  if (!read.ok || problems.length > 0) {
    throw new InvalidInput({ form: `This revision cannot be restored: ${problems.join('; ')}.` });
  }
  await saveArticle(
    db,
    articleId,
    {
      ...read.input,
      // A copy without custom fields is of an article that had none then: restoring it empties them.
      customFields: read.input.customFields ?? {},
      status: articleStatusOf(current.status),
      publishedAt: current.published_at === null ? null : new Date(current.published_at),
      updatedAt: current.updated_at === null ? null : new Date(current.updated_at),
      createdBy: current.created_by,
      reviewNote: current.review_note,
    },
    now,
    { expectedRevision: current.revision, savedBy: actorId, ...(site ? { site } : {}) },
  );
};
