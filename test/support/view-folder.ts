// One of the processes that test/integration/hourly-fold.test.ts starts against the same views.db. It opens the
// views file as a worker does, waits for the word to start (so the processes fold at the same moment), folds the
// log into the hours by reading the chart, and reports when done.
import { createSqliteViewStore } from '../../src/ranking/sqlite-view-store.js';
import { openViewsDatabase } from '../../src/storage/views-database.js';

const [dataDir, nowText] = process.argv.slice(2);
const nowSecond = Number(nowText);
if (!dataDir || !Number.isInteger(nowSecond) || !process.send) {
  process.stderr.write('usage: forked with IPC, arguments <dataDir> <nowSecond>\n');
  process.exit(2);
}

const store = createSqliteViewStore(openViewsDatabase(dataDir));

process.once('message', () => {
  void store.hourlyViews(1, nowSecond, 1).then(async () => {
    await store.close();
    process.send!({ done: true }, () => process.disconnect());
  });
});
process.send({ ready: true });
