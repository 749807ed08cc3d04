import { serializeBodyMarkup } from '../domain/body-markup.js';
import { readPageSnapshot, type PageInput } from '../domain/publication-page.js';
import type { Db } from '../storage/database.js';
import {
  countPageRevisionRows,
  findPageRow,
  pageRevisionListRows,
  pageRevisionRowsByKey,
} from '../storage/repositories/page.repository.js';
import { InvalidInput, NotFound } from './errors.js';
import { REVISIONS_PER_PAGE, type RevisionPage, type RevisionSummary } from './revisions.js';
import { pageInputProblems, writePublicationPage } from './save-publication-page.js';
import { isPageStatus } from '../domain/publication-page.js';

/** A page revision's content as people compare it: plain fields, the body in its markup spelling. */
export interface PageRevisionContent {
  title: string;
  slug: string;
  body: string;
  photo: string;
}

export const PAGE_COMPARED = [
  'title',
  'slug',
  'body',
  'photo',
] as const satisfies readonly (keyof PageRevisionContent)[];

const contentOf = (input: PageInput): PageRevisionContent => ({
  title: input.title,
  slug: input.slug,
  body: serializeBodyMarkup(input.body),
  photo: input.photo
    ? [`media:${input.photo.mediaId}`, input.photo.alt, input.photo.caption, input.photo.credit ?? '']
        .filter((s) => s !== '')
        .join('\n')
    : '',
});

/** One page of a page's revisions, newest first, shaped as an article's so the one revisions view shows both. */
export const pageRevisionPage = async (
  db: Db,
  pageId: number,
  page: number,
  perPage = REVISIONS_PER_PAGE,
): Promise<RevisionPage> => {
  const [total, rows] = await Promise.all([
    countPageRevisionRows(db, pageId),
    pageRevisionListRows(db, pageId, perPage + 1, (page - 1) * perPage),
  ]);
  const summaries = rows.map((r): RevisionSummary => ({
    revision: r.revision,
    savedAt: new Date(r.saved_at),
    savedBy: r.saved_by_name,
    autosave: false,
    size: r.size,
    status: isPageStatus(r.status) ? r.status : null,
  }));
  return {
    revisions: summaries.slice(0, perPage),
    older: summaries[perPage] ?? null,
    page,
    pages: Math.max(1, Math.ceil(total / perPage)),
  };
};

/** The compared fields of two of a page's revisions; NotFound when either is not the page's. */
export const pageRevisionsToCompare = async (
  db: Db,
  pageId: number,
  a: number,
  b: number,
): Promise<{ a: PageRevisionContent; b: PageRevisionContent }> => {
  const rows = await pageRevisionRowsByKey(db, pageId, [a, b]);
  const contentAt = (revision: number): PageRevisionContent => {
    const row = rows.find((r) => r.revision === revision);
    if (!row) throw new NotFound('revision', 'Choose two revisions from the list.');
    const read = readPageSnapshot(row.snapshot);
    return read.ok
      ? contentOf(read.input)
      : { title: `(this revision cannot be read: ${read.problem})`, slug: '', body: '', photo: '' };
  };
  return { a: contentAt(a), b: contentAt(b) };
};

/**
 * Brings back an earlier revision's title, address, body and photo as a new revision; whether the page is live
 * stays as it is now. Refused with the reason, and nothing written, when the copy no longer validates, its address
 * has since been taken (by a section or another page), or it places an image no longer in the library.
 */
export const restorePageRevision = async (
  db: Db,
  pageId: number,
  revision: number,
  actorId: number,
  now: Date,
): Promise<void> => {
  const [[wanted], current] = await Promise.all([
    pageRevisionRowsByKey(db, pageId, [revision]),
    findPageRow(db, pageId),
  ]);
  if (!wanted || !current) throw new NotFound('revision', 'That revision does not exist.');
  const read = readPageSnapshot(wanted.snapshot);
  if (!read.ok) throw new InvalidInput({ form: `This revision cannot be restored: ${read.problem}.` });
  const input: PageInput = { ...read.input, status: isPageStatus(current.status) ? current.status : 'draft' };
  const problems = Object.values(await pageInputProblems(db, pageId, input));
  if (problems.length > 0) throw new InvalidInput({ form: `This revision cannot be restored: ${problems.join(' ')}` });
  await writePublicationPage(db, pageId, input, { now, savedBy: actorId, expectedRevision: current.revision });
};
