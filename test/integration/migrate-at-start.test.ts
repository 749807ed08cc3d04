import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { MigrationError, migrateToLatest, migrateUpTo, pendingMigrations } from '../../src/storage/migrate.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

/**
 * Every start migrates, and nearly every start finds nothing pending: one read of Kysely's table decides whether its
 * migrator runs at all (record 0030). What the migrator guarded must hold as before: a pending migration runs, and a
 * database that a newer build migrated is refused rather than served by a build that does not know its schema.
 */
const NEWER = '2099_12_31_0001_from_a_newer_build';
const FIRST = '2026_11_25_0001_create_content';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`migrating at start on ${backend.name}`, () => {
    let storage: TestStorage | undefined;
    afterEach(async () => {
      await storage?.destroy();
      storage = undefined;
    });
    const migrate = (s: TestStorage) => migrateToLatest(s.db, s.dialect, s.schema);
    /** Whether Kysely's lock table exists: the migrator makes it (and its row) whenever it runs. */
    const hasLockTable = async (s: TestStorage) =>
      sql`select count(*) as n from kysely_migration_lock`.execute(s.db).then(
        () => true,
        () => false,
      );

    it('migrates a new database from nothing', async () => {
      storage = await backend.open({ migrated: false });
      const applied = await migrate(storage);
      expect(applied).toBeGreaterThan(20);
      expect(await pendingMigrations(storage.db)).toEqual([]);
      expect(await migrate(storage)).toBe(0);
    });

    it('leaves an up-to-date database to itself: the migrator does not run', async () => {
      storage = await backend.open();
      await sql`drop table kysely_migration_lock`.execute(storage.db);
      expect(await migrate(storage)).toBe(0);
      // The migrator would have made its lock table again before reading anything.
      expect(await hasLockTable(storage)).toBe(false);
    });

    it('still runs a pending migration', async () => {
      storage = await backend.open({ migrated: false });
      // This build's migrations by name, read from the database after the first one: the list grows with the code.
      await migrateUpTo(storage.db, storage.dialect, FIRST, storage.schema);
      const later = await pendingMigrations(storage.db);
      await migrateUpTo(storage.db, storage.dialect, [FIRST, ...later].at(-2)!, storage.schema);
      expect(await pendingMigrations(storage.db)).toEqual(later.slice(-1));
      expect(await migrate(storage)).toBe(1);
      expect(await pendingMigrations(storage.db)).toEqual([]);
    });

    it('refuses a database that a newer build migrated', async () => {
      storage = await backend.open();
      await sql`insert into kysely_migration (name, timestamp) values (${NEWER}, ${new Date().toISOString()})`.execute(
        storage.db,
      );
      await expect(migrate(storage)).rejects.toThrow(MigrationError);
      await expect(migrate(storage)).rejects.toThrow(NEWER);
      // Readiness leaves a newer build's migrations out of what this one counts as pending.
      expect(await pendingMigrations(storage.db)).toEqual([]);
    });
  });
}
