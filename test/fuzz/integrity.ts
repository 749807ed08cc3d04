import { sql } from 'kysely';
import { isArticleStatus } from '../../src/domain/article.js';
import { BodySchema, imageIdsOf } from '../../src/domain/body.js';
import { isCorrectionKind } from '../../src/domain/correction.js';
import { isRole } from '../../src/domain/permissions.js';
import { isReservedPath } from '../../src/domain/reserved-paths.js';
import { parseRevisionSnapshot } from '../../src/domain/revision-snapshot.js';
import { isSlug } from '../../src/domain/slug.js';
import type { Db } from '../../src/storage/database.js';

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

/** Ids present in a table, for references the schema does not enforce (or that SQLite could be told to skip). */
const idSet = async (
  db: Db,
  table: 'article' | 'media' | 'user_account' | 'section' | 'author',
): Promise<Set<number>> => new Set((await db.selectFrom(table).select('id').execute()).map((r) => r.id));

const articleProblems = async (db: Db): Promise<string[]> => {
  const out: string[] = [];
  const [sections, media, users] = [
    await idSet(db, 'section'),
    await idSet(db, 'media'),
    await idSet(db, 'user_account'),
  ];
  const revisions = new Map<number, Set<number>>();
  for (const r of await db
    .selectFrom('article_revision')
    .select(['article_id', 'revision', 'saved_by', 'snapshot'])
    .execute()) {
    const set = revisions.get(r.article_id) ?? new Set<number>();
    set.add(r.revision);
    revisions.set(r.article_id, set);
    const snapshot = parseRevisionSnapshot(r.snapshot);
    if (!snapshot.ok) out.push(`revision ${r.article_id}/${r.revision}: ${snapshot.problem}`);
    if (r.saved_by !== null && !users.has(r.saved_by))
      out.push(`revision ${r.article_id}/${r.revision}: saved by missing user ${r.saved_by}`);
  }
  for (const a of await db.selectFrom('article').selectAll().execute()) {
    const at = `article ${a.id}`;
    if (a.headline.trim() === '') out.push(`${at}: no headline`);
    if (!isSlug(a.slug)) out.push(`${at}: slug ${JSON.stringify(a.slug)} is not a slug`);
    if (!isArticleStatus(a.status)) out.push(`${at}: unknown status ${a.status}`);
    if (!sections.has(a.section_id)) out.push(`${at}: section ${a.section_id} is missing`);
    if (!revisions.get(a.id)?.has(a.revision))
      out.push(`${at}: no revision row for its current revision ${a.revision}`);
    const later = [...(revisions.get(a.id) ?? [])].filter((r) => r > a.revision);
    if (later.length) out.push(`${at}: revision rows ${later.join(', ')} are newer than the article (${a.revision})`);
    if (a.photo_media_id !== null && !media.has(a.photo_media_id))
      out.push(`${at}: photo ${a.photo_media_id} is missing`);
    if (a.created_by !== null && !users.has(a.created_by)) out.push(`${at}: created by missing user ${a.created_by}`);
    if ((a.status === 'published' || a.status === 'scheduled') && a.published_at === null)
      out.push(`${at}: ${a.status} without a time`);
    if (a.status === 'published' && a.first_published_at === null)
      out.push(`${at}: published but never first published`);
    if (!a.body_text.startsWith(a.headline)) out.push(`${at}: search text does not match the headline`);
    const json = parseJson(a.body);
    const body = json.ok ? BodySchema.safeParse(json.value) : null;
    if (!body?.success) out.push(`${at}: body is not a valid body`);
    else for (const id of imageIdsOf(body.data)) if (!media.has(id)) out.push(`${at}: body places missing image ${id}`);
  }
  return out;
};

const referenceProblems = async (db: Db): Promise<string[]> => {
  const out: string[] = [];
  const [articles, users, authors] = [
    await idSet(db, 'article'),
    await idSet(db, 'user_account'),
    await idSet(db, 'author'),
  ];
  const sections = await db.selectFrom('section').selectAll().execute();
  const byId = new Map(sections.map((s) => [s.id, s]));
  for (const s of sections) {
    if (!isSlug(s.slug) || isReservedPath(s.slug))
      out.push(`section ${s.id}: slug ${JSON.stringify(s.slug)} cannot be an address`);
    if (s.name.trim() === '') out.push(`section ${s.id}: no name`);
    const parent = s.parent_id === null ? null : byId.get(s.parent_id);
    if (s.parent_id !== null && !parent) out.push(`section ${s.id}: parent ${s.parent_id} is missing`);
    if (parent && parent.parent_id !== null) out.push(`section ${s.id}: nested more than two levels`);
  }
  for (const r of await db.selectFrom('article_author').selectAll().execute()) {
    if (!articles.has(r.article_id) || !authors.has(r.author_id))
      out.push(`byline ${r.article_id}/${r.author_id}: dangling`);
  }
  for (const r of await db.selectFrom('article_tag').selectAll().execute()) {
    if (!articles.has(r.article_id) || r.tag.trim() === '')
      out.push(`tag ${r.article_id}/${JSON.stringify(r.tag)}: dangling or empty`);
  }
  for (const r of await db.selectFrom('section_pin').selectAll().execute()) {
    if (!articles.has(r.article_id) || !byId.has(r.section_id))
      out.push(`pin ${r.section_id}/${r.article_id}: dangling`);
  }
  const home = await db.selectFrom('home_top').selectAll().execute();
  for (const r of home)
    if (!articles.has(r.article_id)) out.push(`home slot ${r.position}: article ${r.article_id} is missing`);
  for (const c of await db.selectFrom('correction').selectAll().execute()) {
    if (!articles.has(c.article_id)) out.push(`correction ${c.id}: article ${c.article_id} is missing`);
    if (!isCorrectionKind(c.kind) || c.text.trim() === '') out.push(`correction ${c.id}: kind ${c.kind} or empty text`);
    if (c.created_by !== null && !users.has(c.created_by))
      out.push(`correction ${c.id}: by missing user ${c.created_by}`);
  }
  for (const s of await db.selectFrom('user_session').select('user_id').execute()) {
    if (!users.has(s.user_id)) out.push(`a session of missing user ${s.user_id}`);
  }
  const variants = new Set((await db.selectFrom('media_variant').select('media_id').execute()).map((v) => v.media_id));
  for (const m of await idSet(db, 'media')) if (!variants.has(m)) out.push(`media ${m}: stored without any variant`);
  return out;
};

const siteProblems = async (db: Db): Promise<string[]> => {
  const out: string[] = [];
  const settings = await db.selectFrom('setting').selectAll().execute();
  for (const s of settings) if (!parseJson(s.value).ok) out.push(`setting ${s.key}: value is not JSON`);
  const claims = settings.filter((s) => s.key === 'owner_created_at').length;
  if (claims !== 1) out.push(`${claims} owner claims (one expected)`);
  const states = await db.selectFrom('content_state').selectAll().execute();
  if (states.length !== 1 || states[0]!.id !== 1) out.push(`content_state has ${states.length} rows`);
  const accounts = await db.selectFrom('user_account').select(['id', 'role', 'disabled', 'email']).execute();
  for (const a of accounts) if (!isRole(a.role)) out.push(`account ${a.id}: unknown role ${a.role}`);
  if (!accounts.some((a) => a.role === 'admin' && !a.disabled))
    out.push('no enabled admin is left to run the newsroom');
  const emails = new Set(accounts.map((a) => a.email.trim().toLowerCase()));
  if (emails.size !== accounts.length) out.push('two accounts share an email');
  return out;
};

/** SQLite's own checks: the file is sound and no foreign key points nowhere. */
const sqliteProblems = async (db: Db): Promise<string[]> => {
  const quick = await sql<{ quick_check: string }>`pragma quick_check`.execute(db);
  const keys = await sql<{ table: string; rowid: number; parent: string }>`pragma foreign_key_check`.execute(db);
  return [
    ...quick.rows.filter((r) => r.quick_check !== 'ok').map((r) => `sqlite: ${r.quick_check}`),
    ...keys.rows.map((r) => `sqlite: ${r.table} row ${r.rowid} points at a missing ${r.parent}`),
  ];
};

/**
 * Everything a half-written record would break: each article with its current revision row, every reference
 * pointing at a row that exists, no article without headline or slug, exactly one owner claim and an admin left.
 * Returns the problems found, none when the database is whole.
 */
export const integrityProblems = async (db: Db, dialect: 'sqlite' | 'postgres' = 'sqlite'): Promise<string[]> => [
  ...(await articleProblems(db)),
  ...(await referenceProblems(db)),
  ...(await siteProblems(db)),
  ...(dialect === 'sqlite' ? await sqliteProblems(db) : []),
];
