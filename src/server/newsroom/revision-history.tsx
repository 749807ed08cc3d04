import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { customFieldChanges } from '../../domain/custom-field-changes.js';
import type { CustomFieldValues } from '../../domain/custom-fields.js';
import { parsePageNumber } from '../../domain/reader-path.js';
import { diffLines } from '../../domain/text-diff.js';
import type { FieldDefinition } from '../../plugins/contract.js';
import type { RevisionPage, RevisionSummary } from '../../services/revisions.js';
import { RevisionsPage, type RevisionLine, type RevisionsPageProps } from '../../views/newsroom/RevisionsPage.js';
import { invalidPageNumber, pageOutOfRange } from '../errors.js';
import { RowId } from '../route-schemas.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { chromeOf, sendPage, siteTimeFormat } from './request-context.js';

const RevisionNumber = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

/** `?a=&b=` compares two revisions; `?page=` pages through the list. */
export const RevisionsQuery = z.object({
  a: RevisionNumber.optional(),
  b: RevisionNumber.optional(),
  page: z.string().optional(),
});

export const RestoreParams = z.object({ id: RowId, revision: RowId });

/** A revision's compared fields, and its custom fields' values when the revised thing has them. */
type RevisedContent<Field extends string> = Record<Field, string> & { customFields?: CustomFieldValues };

/** What differs between an article's history and a publication page's: where its revisions come from and its names. */
export interface RevisionHistory<Field extends string> {
  /** The fields a comparison shows, in order, when they differ. */
  compared: readonly Field[];
  list: (page: number) => Promise<RevisionPage>;
  pair: (a: number, b: number) => Promise<{ a: RevisedContent<Field>; b: RevisedContent<Field> }>;
  /** The loaded plugins' custom fields, whose changes a comparison lists by label (articles only). */
  customFields?: readonly FieldDefinition[];
  view: Pick<RevisionsPageProps, 'articleId' | 'headline' | 'canRestore' | 'basePath' | 'backLabel'>;
}

/** The revisions page of an article or a page: one page of the list, and the comparison asked for if any. */
export const sendRevisionHistory = async <Field extends string>(
  deps: NewsroomDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  query: z.infer<typeof RevisionsQuery>,
  history: RevisionHistory<Field>,
) => {
  const { a, b } = query;
  const pageNumber = parsePageNumber(query.page);
  if (pageNumber === 'invalid') throw invalidPageNumber();
  const compareOf = async (from: number, to: number) => {
    const both = await history.pair(from, to);
    const changed = history.compared.filter((n) => both.a[n] !== both.b[n]);
    return {
      a: from,
      b: to,
      fields: changed.map((n) => ({ name: n, lines: diffLines(both.a[n], both.b[n]) })),
      custom: customFieldChanges(history.customFields ?? [], both.a.customFields ?? {}, both.b.customFields ?? {}),
    };
  };
  const [list, compare] = await Promise.all([
    history.list(pageNumber),
    a !== undefined && b !== undefined ? compareOf(a, b) : null,
  ]);
  if (list.page > list.pages) throw pageOutOfRange(list.pages);
  const format = siteTimeFormat(deps);
  const line = (r: RevisionSummary): RevisionLine => ({
    revision: r.revision,
    when: format(r.savedAt),
    savedBy: r.savedBy,
    status: r.status,
    autosave: r.autosave,
    size: r.size,
  });
  return sendPage(
    reply,
    200,
    <RevisionsPage
      chrome={chromeOf(deps, req, reply)}
      {...history.view}
      revisions={list.revisions.map(line)}
      older={list.older ? line(list.older) : null}
      page={list.page}
      pages={list.pages}
      compare={compare}
    />,
  );
};
