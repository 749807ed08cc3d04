import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/** Expired sessions and old sign-in failures are deleted by time; without these, every prune scans its table. */
export const up = async (db: Kysely<unknown>, _dialect: Dialect): Promise<void> => {
  await db.schema.createIndex('user_session_expires_at').on('user_session').column('expires_at').execute();
  await db.schema.createIndex('login_failure_at').on('login_failure').column('at').execute();
};
