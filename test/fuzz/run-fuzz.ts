import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { clean, runFuzz, type Failure, type FuzzReport } from './fuzz-run.js';
import { freshSeed } from './prng.js';

/**
 * `npm run fuzz [-- --requests N --seed S]`: random requests over every route and form of a fresh app with the
 * demo newspaper; prints what came back and exits 1 on any answer >= 500, stack trace or partial write.
 */
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    seed: { type: 'string' },
    concurrency: { type: 'string', default: '4' },
  },
});
const requests = Number(values.requests);
const seed = values.seed === undefined ? freshSeed() : Number(values.seed);
const concurrency = Number(values.concurrency);
if (![requests, seed, concurrency].every(Number.isInteger) || requests < 1 || concurrency < 1) {
  console.error(
    'usage: run-fuzz.ts [--requests N] [--seed S] [--concurrency C]   (whole numbers; C=1 repeats exactly)',
  );
  process.exit(2);
}

// A background job failing (the app runs without a logger here, so it throws) is a failure of the run too.
const background: string[] = [];
process.on('unhandledRejection', (error) => background.push(String((error as Error)?.stack ?? error)));

console.log(
  `fuzz: seed ${seed}, ${requests} requests, ${concurrency} at a time ` +
    `(replay: npm run fuzz -- --requests ${requests} --seed ${seed} --concurrency ${concurrency})`,
);
const report = await runFuzz({
  requests,
  seed,
  concurrency,
  progress: (done, r) =>
    console.log(`  ${done} sent, ${r.serverErrors.length} >= 500, ${r.partialWrites.length} partial writes`),
});

const table = (rows: [string, string][]) => {
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
};
const showFailures = (title: string, list: Failure[]) => {
  if (!list.length) return;
  console.log(`\n${title} (seed ${seed}):`);
  for (const f of list.slice(0, 30)) {
    console.log(`  #${f.index} ${f.what}\n    ${f.request}\n    -> ${JSON.stringify(f.excerpt.slice(0, 300))}`);
  }
  if (list.length > 30) console.log(`  … and ${list.length - 30} more`);
};

const print = (r: FuzzReport) => {
  console.log('\nby status class:');
  table(
    Object.entries(r.byStatusClass)
      .sort()
      .map(([k, v]) => [k, String(v)]),
  );
  console.log('\nby kind of request:');
  table(
    Object.entries(r.byKind)
      .sort()
      .map(([k, v]) => [k, String(v)]),
  );
  console.log('\nby route:');
  table(
    [...r.byRoute]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([route, classes]) => [
        route,
        Object.entries(classes)
          .sort()
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
      ]),
  );
  console.log('\nslowest:');
  table(r.slowest.map((s) => [`${s.ms.toFixed(0)} ms`, s.request]));
  console.log(
    `\n${r.requests} answered in ${r.seconds.toFixed(1)} s (${(r.requests / r.seconds).toFixed(0)} requests/s), ` +
      `${r.unsendable} not sendable, ${r.signedBackIn} sign-ins restored, ${r.integrityChecks} integrity checks`,
  );
  showFailures('answers >= 500', r.serverErrors);
  showFailures('stack traces', r.stackTraces);
  showFailures('crashes and requests never answered', r.crashes);
  if (r.partialWrites.length) console.log(`\npartial writes (seed ${seed}):\n  ${r.partialWrites.join('\n  ')}`);
  if (background.length) console.log(`\nbackground failures:\n  ${background.join('\n  ')}`);
};

print(report);
const failures = [...report.serverErrors, ...report.stackTraces, ...report.crashes].filter((f) => f.sent);
if (failures.length) {
  // Whole requests (bodies as base64), so a failure that needs its exact bytes can be sent again.
  const file = join(tmpdir(), `dateline-fuzz-${seed}.json`);
  const whole = failures.map(({ index, what, sent }) => ({
    index,
    what,
    ...sent,
    payload: sent?.payload === undefined ? undefined : Buffer.from(sent.payload).toString('base64'),
  }));
  writeFileSync(file, JSON.stringify(whole, null, 2));
  console.log(`\nthe failing requests, whole: ${file}`);
}
const failed = !clean(report) || background.length > 0;
const stack =
  (report.stackTraces.length ? `, ${report.stackTraces.length} stack traces` : '') +
  (report.crashes.length ? `, ${report.crashes.length} crashes or unanswered requests` : '');
console.log(
  `fuzz: ${report.requests} requests, ${report.serverErrors.length} responses >= 500, ${report.partialWrites.length} partial writes${stack}` +
    (failed ? ` (seed ${seed})` : ''),
);
process.exit(failed ? 1 : 0);
