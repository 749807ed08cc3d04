// `npm run lighthouse`: Lighthouse's own scores for the demo newspaper's home and article pages (issue 12: 100 for
// performance, accessibility and SEO). Starts the built server on a fresh demo folder and Debian's Chromium
// (never a downloaded browser), runs Lighthouse's default mobile profile on each page, prints every category's
// score and the audits that lost points, and exits 1 when a required category is below 100. Not part of npm test:
// the performance score depends on how busy the machine is, so run it on an idle one.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REQUIRED = ['performance', 'accessibility', 'seo'];
const CATEGORIES = [...REQUIRED, 'best-practices'];

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `url` answers 200; gives up after `ms`. */
const waitFor200 = async (url, ms) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer 200 within ${ms / 1000} s`);
};

/** Chromium with a DevTools port of its own choosing, which it prints on standard error. */
const startChromium = () =>
  new Promise((resolve, reject) => {
    const profile = mkdtempSync(join(tmpdir(), 'dateline-lighthouse-chromium-'));
    const child = spawn(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--disable-extensions',
        `--user-data-dir=${profile}`,
        '--remote-debugging-port=0',
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let said = '';
    child.stderr.on('data', (chunk) => {
      said += chunk;
      const found = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(said);
      if (found)
        resolve({
          port: Number(found[1]),
          stop: () => (child.kill(), rmSync(profile, { recursive: true, force: true })),
        });
    });
    child.once('exit', (code) =>
      reject(new Error(`Chromium (${CHROMIUM}) exited with ${code} before listening:\n${said}`)),
    );
  });

const dataDir = mkdtempSync(join(tmpdir(), 'dateline-lighthouse-'));
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [join(ROOT, 'bin/dateline.js'), 'serve'], {
  cwd: ROOT,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATELINE_DATA: dataDir,
    DATELINE_DEMO: '1',
    DATELINE_WORKERS: '1',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
let chromium;
let failed = false;
try {
  await waitFor200(`${origin}/`, 60_000);
  const home = await (await fetch(`${origin}/`)).text();
  const article = /href="(\/[a-z-]+\/(?:[a-z-]+\/)?\d{8}-\d+\/)"/.exec(home)?.[1];
  if (!article) throw new Error('the demo home page links no article');
  chromium = await startChromium();
  const rows = [];
  for (const [name, path] of [
    ['home', '/'],
    ['article', article],
  ]) {
    const { lhr } = await lighthouse(`${origin}${path}`, {
      port: chromium.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
    });
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
    rows.push({ page: `${name} ${path}`, ...scores });
    for (const c of REQUIRED) if (scores[c] < 100) failed = true;
    // What cost points, so a score below 100 says where to look.
    const lost = Object.values(lhr.audits).filter(
      (a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual',
    );
    for (const a of lost) console.log(`  ${name}: ${a.id} (${Math.round(a.score * 100)}) ${a.displayValue ?? ''}`);
  }
  console.table(rows);
  console.log(
    failed
      ? `below 100 in ${REQUIRED.join(', ')}: see the audits above`
      : `100 in ${REQUIRED.join(', ')} on both pages`,
  );
} catch (error) {
  console.error(`lighthouse: ${error instanceof Error ? error.message : String(error)}`);
  failed = true;
} finally {
  chromium?.stop();
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
