import { createHash } from 'node:crypto';
import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../database.js';

/**
 * Tags have no rows of their own (record 0019): a tag is its slug on the articles that carry it. These answer
 * whether a slug is carried at all, and keep two writers from both finding the same slug new (record 0022).
 */

/** Which of `slugs` some article carries (a draft's included), in any spelling. */
export const carriedTagSlugs = async (db: Db, slugs: readonly string[]): Promise<Set<string>> => {
  if (slugs.length === 0) return new Set();
  const rows = await db
    .selectFrom('article_tag')
    .select('tag_slug')
    .distinct()
    .where('tag_slug', 'in', [...slugs])
    .execute();
  return new Set(rows.map((r) => r.tag_slug));
};

/** The first half of the two-part advisory lock key: tags' (startup-lock.ts has its own). */
const TAG_LOCK_CLASS = 0x7a6e0001;

const slugKey = (slug: string): number => createHash('sha256').update(slug).digest().readInt32BE(0);

/**
 * Holds `slugs` until the transaction `trx` ends, so that a second writer giving the same new tag waits for the first
 * to commit and then finds it carried. PostgreSQL: transaction-scoped advisory locks, taken in key order so two
 * writers never wait on each other. SQLite needs none: a write transaction there holds the whole database.
 */
export const holdTagSlugs = async (trx: Db, slugs: readonly string[]): Promise<void> => {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  const keys = [...new Set(slugs.map(slugKey))].sort((a, b) => a - b);
  for (const key of keys) await sql`select pg_advisory_xact_lock(${TAG_LOCK_CLASS}, ${key})`.execute(trx);
};
