import { z } from 'zod';
import { ARTICLE_STATUSES, type ArticleInput } from './article.js';
import { BodySchema } from './body.js';
import { CustomFieldValuesSchema } from './custom-fields.js';
import { MAX_ROW_ID } from './ids.js';

/**
 * Every save keeps the article as it was written, as JSON, in its revision. Snapshots written before this
 * schema existed carry no version field; their shape is version 1, which every snapshot now names.
 */
export const SNAPSHOT_VERSION = 1;

const RowId = z.number().int().positive().max(MAX_ROW_ID);
// JSON has no dates: a Date was stored as its ISO string.
const Instant = z.iso.datetime().transform((s) => new Date(s));

const SnapshotV1 = z.object({
  version: z.literal(1).optional(),
  slug: z.string(),
  headline: z.string(),
  standfirst: z.string().nullable(),
  body: BodySchema,
  sectionId: RowId,
  authorIds: z.array(RowId),
  tags: z.array(z.string()),
  photo: z.object({ mediaId: RowId, caption: z.string(), credit: z.string().nullable(), alt: z.string() }).nullable(),
  status: z.enum(ARTICLE_STATUSES),
  publishedAt: Instant.nullable(),
  updatedAt: Instant.nullable(),
  seoDescription: z.string().nullable().optional(),
  sourceKey: z.string().nullable().optional(),
  createdBy: RowId.nullable().optional(),
  reviewNote: z.string().nullable().optional(),
  // Written since issue 14, and only when the article has values: a copy without it had none.
  customFields: CustomFieldValuesSchema.optional(),
});

export type SnapshotReading = { ok: true; input: ArticleInput } | { ok: false; problem: string };

/** The text a revision stores for an article as saved. */
export const serializeRevisionSnapshot = ({ customFields, ...input }: ArticleInput): string =>
  JSON.stringify({
    version: SNAPSHOT_VERSION,
    ...input,
    // Left out when empty: an article without custom fields keeps the same copy as before they existed.
    ...(customFields && Object.keys(customFields).length > 0 ? { customFields } : {}),
  });

/** Reads a revision's stored text back into the article it kept, or says in words why it cannot. */
export const parseRevisionSnapshot = (text: string): SnapshotReading => {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'its stored copy is not readable JSON' };
  }
  const version = typeof raw === 'object' && raw !== null && 'version' in raw ? raw.version : undefined;
  if (typeof version === 'number' && version > SNAPSHOT_VERSION) {
    return { ok: false, problem: `it was saved by a newer version of Dateline (snapshot version ${version})` };
  }
  const parsed = SnapshotV1.safeParse(raw);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? 'snapshot')))];
    return { ok: false, problem: `its stored copy does not fit today's rules (${fields.join(', ')})` };
  }
  const { version: _version, ...input } = parsed.data;
  return { ok: true, input };
};

/**
 * The scheduler's revision of an article going live: the newest revision's copy, now published. Null when that copy
 * cannot be read (the schedule's revision is then left out rather than made up).
 */
export const publishedBySchedule = (text: string): string | null => {
  const read = parseRevisionSnapshot(text);
  return read.ok ? serializeRevisionSnapshot({ ...read.input, status: 'published' }) : null;
};
