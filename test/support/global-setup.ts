import pg from 'pg';
import { POSTGRES_RUN_ENV, POSTGRES_URL, postgresRunPrefix } from './postgres-run.js';

/**
 * Names this run, so that each worker makes a PostgreSQL database of its own for it (test/support/backends.ts), and
 * drops the run's databases, and the roles named after them, at its end. The name holds the time and this process's
 * id: runs started by other people on the same server at the same moment never meet.
 */
export default function setup(): () => Promise<void> {
  const run = `${Date.now().toString(36)}_${process.pid}`;
  process.env[POSTGRES_RUN_ENV] = run;
  return async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
    } catch {
      // No PostgreSQL: its tests were skipped and nothing was made.
      await client.end().catch(() => {});
      return;
    }
    try {
      const { rows } = await client.query<{ datname: string }>(
        'select datname from pg_database where starts_with(datname, $1)',
        [postgresRunPrefix(run)],
      );
      // FORCE: a server a failed test left running must not keep its database.
      for (const { datname } of rows) await client.query(`drop database ${datname} with (force)`);
      // The roles that owned each worker's template (backends.ts), now that their databases are gone.
      const roles = await client.query<{ rolname: string }>(
        'select rolname from pg_roles where starts_with(rolname, $1)',
        [postgresRunPrefix(run)],
      );
      for (const { rolname } of roles.rows) await client.query(`drop role ${rolname}`);
    } finally {
      await client.end();
    }
  };
}
