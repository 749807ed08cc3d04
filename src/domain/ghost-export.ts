/**
 * A Ghost export read (record 0027): `{ "db": [ { "meta", "data" } ] }`, or the bare `{ meta, data }`, from Ghost 4
 * to 6. The whole text is parsed at once (exports are a few MB to ~100 MB), then its tables are checked by a schema
 * and indexed: posts with their meta, tags and authors in their order. A file that is not such an export (cut JSON,
 * HTML, a WordPress export, JSON of another shape) is one error naming where. Pure: the caller reads the file.
 */
import { z } from 'zod';

export type GhostExportResult =
  { ok: true; export: GhostExport } | { ok: false; line: number; column: number; message: string };

const text = z
  .string()
  .nullish()
  .transform((v) => v ?? '');
const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
const id = z.union([z.string(), z.number()]).transform(String);
// Ghost's SQLite exports write booleans as 0 and 1.
const flag = z
  .union([z.boolean(), z.number(), z.string()])
  .nullish()
  .transform((v) => v === true || v === 1 || v === '1' || v === 'true');
const when = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined || v === '') return null;
    const at = new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v);
    return Number.isNaN(at.getTime()) ? null : at;
  });
const order = z
  .number()
  .nullish()
  .transform((v) => v ?? 0);

/** Meta and social fields: in posts_meta from Ghost 4, on the post itself before. */
export const META_FIELDS = [
  'meta_title',
  'meta_description',
  'og_image',
  'og_title',
  'og_description',
  'twitter_image',
  'twitter_title',
  'twitter_description',
  'feature_image_alt',
  'feature_image_caption',
  'email_subject',
  'frontmatter',
] as const;
export type GhostMeta = Record<(typeof META_FIELDS)[number], string>;
const metaShape = Object.fromEntries(META_FIELDS.map((f) => [f, text])) as Record<keyof GhostMeta, typeof text>;

const PostSchema = z.looseObject({
  id,
  title: text,
  slug: text,
  type: optionalText,
  /** Ghost 1 and 2 said `page: true` where later versions say `type: "page"`. */
  page: flag,
  status: text,
  visibility: text,
  lexical: optionalText,
  mobiledoc: optionalText,
  html: optionalText,
  featured: flag,
  feature_image: text,
  custom_excerpt: text,
  canonical_url: text,
  codeinjection_head: text,
  codeinjection_foot: text,
  published_at: when,
  created_at: when,
  author_id: id.nullish(),
  ...metaShape,
});
const PostMetaSchema = z.looseObject({ post_id: id, ...metaShape });
const TagSchema = z.looseObject({ id, name: text, slug: text, visibility: text });
const UserSchema = z.looseObject({
  id,
  name: text,
  slug: text,
  bio: text,
  website: text,
  twitter: text,
  facebook: text,
  profile_image: text,
});
const PostTagSchema = z.looseObject({ post_id: id, tag_id: id, sort_order: order });
const PostAuthorSchema = z.looseObject({ post_id: id, author_id: id, sort_order: order });
const SettingSchema = z.looseObject({ key: z.string(), value: z.unknown() });

const table = <T extends z.ZodType>(row: T) =>
  z
    .array(row)
    .nullish()
    .transform((v) => v ?? []);
const DataSchema = z.looseObject({
  posts: z.array(PostSchema),
  posts_meta: table(PostMetaSchema),
  tags: table(TagSchema),
  posts_tags: table(PostTagSchema),
  users: table(UserSchema),
  posts_authors: table(PostAuthorSchema),
  settings: table(SettingSchema),
});

export type GhostPost = z.output<typeof PostSchema>;
export type GhostTag = z.output<typeof TagSchema>;
export type GhostUser = z.output<typeof UserSchema>;

export interface GhostExport {
  /** Ghost's version as the export gives it ("5.82.1"), and its major number. */
  version: string;
  major: number;
  /** The publication's title (settings), for the report; '' when the export has none. */
  title: string;
  /** Settings whose value is a string ("db_hash", "title"…). */
  settings: Map<string, string>;
  posts: GhostPost[];
  /** By post id. */
  meta: Map<string, GhostMeta>;
  tags: Map<string, GhostTag>;
  users: Map<string, GhostUser>;
  /** Each post's tag ids and author ids, in their sort order. */
  tagsOf: Map<string, string[]>;
  authorsOf: Map<string, string[]>;
}

// Thrown by the steps below and caught only in parseGhostExport, so each step reads straight through.
class GhostExportError extends Error {
  constructor(
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

export function parseGhostExport(source: string): GhostExportResult {
  try {
    const { meta, data, where } = unwrap(parseJson(source));
    return { ok: true, export: indexed(meta, readData(data, where)) };
  } catch (error) {
    if (!(error instanceof GhostExportError)) throw error;
    const { line, column } = lineAndColumn(source, error.at);
    return { ok: false, line, column, message: error.message };
  }
}

function parseJson(source: string): unknown {
  const start = source.search(/\S/);
  if (start < 0) throw new GhostExportError(-1, 'the file is empty, not a Ghost export');
  if (source[start] === '<') {
    const wordpress = /wordpress\.org\/export\//.test(source.slice(0, 4096));
    throw new GhostExportError(
      start,
      wordpress
        ? 'this is a WordPress export (XML), not a Ghost export: import it with `dateline import wordpress`'
        : 'this is XML or HTML, not a Ghost export (Ghost exports its content as JSON)',
    );
  }
  try {
    return JSON.parse(source);
  } catch (error) {
    const why = (error as Error).message;
    const position = /position (\d+)/.exec(why);
    const at = position ? Number(position[1]) : -1;
    // V8 names the end of the text, or a string or number left open there: either way the file stops too soon.
    if (/unexpected end/i.test(why) || at >= source.trimEnd().length - 1)
      throw new GhostExportError(source.length, 'the JSON ends before it is complete: the file is cut short');
    const said = why.replace(/ in JSON at position \d+.*$/, '').replace(/\s+/g, ' ');
    throw new GhostExportError(at, `this is not valid JSON (${said.length > 120 ? `${said.slice(0, 119)}…` : said})`);
  }
}

/** The export's meta and data, from either wrapping; `where` names the data for messages. */
function unwrap(json: unknown): { meta: Record<string, unknown>; data: unknown; where: string } {
  const record = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!record(json)) throw new GhostExportError(-1, 'this is JSON, but not a Ghost export (no "db" or "data")');
  const wrapped = Array.isArray(json.db);
  const body: unknown = wrapped ? (json.db as unknown[])[0] : json;
  const where = wrapped ? 'db[0]' : '';
  const inside = (key: string) => (where === '' ? key : `${where}.${key}`);
  if (!record(body) || !record(body.meta) || typeof body.meta.version !== 'string' || !record(body.data))
    throw new GhostExportError(
      -1,
      `this is JSON, but not a Ghost export: it has no ${inside('meta.version')} and ${inside('data')}`,
    );
  return { meta: body.meta, data: body.data, where: inside('data') };
}

function readData(data: unknown, where: string): z.output<typeof DataSchema> {
  const parsed = DataSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  throw new GhostExportError(-1, `this is not a Ghost export Dateline can read: ${where}${path}: ${issue.message}`);
}

function indexed(meta: Record<string, unknown>, data: z.output<typeof DataSchema>): GhostExport {
  const version = String(meta.version);
  const inOrder = <R extends { post_id: string; sort_order: number }>(rows: R[], pick: (r: R) => string) => {
    const out = new Map<string, string[]>();
    for (const r of [...rows].sort((a, b) => a.sort_order - b.sort_order)) {
      const list = out.get(r.post_id);
      if (list) list.push(pick(r));
      else out.set(r.post_id, [pick(r)]);
    }
    return out;
  };
  const settings = new Map(
    data.settings.flatMap((s) => (typeof s.value === 'string' ? [[s.key, s.value] as const] : [])),
  );
  return {
    version,
    major: Number.parseInt(version, 10) || 0,
    title: settings.get('title') ?? '',
    settings,
    posts: data.posts,
    meta: new Map(data.posts_meta.map((m) => [m.post_id, m])),
    tags: new Map(data.tags.map((t) => [t.id, t])),
    users: new Map(data.users.map((u) => [u.id, u])),
    tagsOf: inOrder(data.posts_tags, (r) => r.tag_id),
    authorsOf: inOrder(data.posts_authors, (r) => r.author_id),
  };
}

/** 1-based line and column of a position in the text; 0 and 0 where the error is not at one place. */
function lineAndColumn(source: string, at: number): { line: number; column: number } {
  if (at < 0) return { line: 0, column: 0 };
  const before = source.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}
