// One of the processes that test/integration/sqlite-writers.test.ts starts against the same SQLite file. It opens
// the content database as the server and the CLI do, waits for the word to start (so the processes really write
// at the same moment), then runs read-then-write transactions and reports how many committed and what failed.
import { createStorage } from '../../src/storage/database.js';

export interface WriterReport {
  committed: number;
  failures: number;
  /** Distinct error messages, for the test's failure output. */
  errors: string[];
}

const [dataDir, countText] = process.argv.slice(2);
const transactions = Number(countText);
if (!dataDir || !Number.isInteger(transactions) || !process.send) {
  process.stderr.write('usage: forked with IPC, arguments <dataDir> <transactions>\n');
  process.exit(2);
}

const storage = createStorage({ dataDir, databaseUrl: null });
const { db } = storage;

/** Reads the content version, then writes it back one higher: the shape of every newsroom save. */
const bumpByHand = () =>
  db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('content_state').select('version').where('id', '=', 1).executeTakeFirstOrThrow();
    await trx
      .updateTable('content_state')
      .set({ version: Number(row.version) + 1 })
      .where('id', '=', 1)
      .execute();
  });

const run = async (): Promise<WriterReport> => {
  const report: WriterReport = { committed: 0, failures: 0, errors: [] };
  for (let i = 0; i < transactions; i++) {
    try {
      await bumpByHand();
      report.committed++;
    } catch (error) {
      report.failures++;
      const message = error instanceof Error ? error.message : String(error);
      if (!report.errors.includes(message)) report.errors.push(message);
    }
  }
  return report;
};

process.once('message', () => {
  void run().then(async (report) => {
    await storage.close();
    process.send!(report, () => process.disconnect());
  });
});
// A first read opens the file before the start: the processes then begin their writes together.
await db.selectFrom('content_state').select('version').execute();
process.send({ ready: true });
