import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { loadConfig } from '../src/config.js';
import { importWordpress } from '../src/services/wordpress-import.js';
import { createStorage } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrate.js';

/**
 * `npm run bench:import` (issue 17): a generated WordPress export of BENCH_IMPORT_POSTS posts (10,000 by default; no
 * media) imported into a fresh SQLite database, printing posts per second and the process's peak memory against the
 * targets (≥ 500 posts/s, < 300 MB). Nothing else is measured: the machine's load is printed beside the figures.
 */
const POSTS = Number(process.env.BENCH_IMPORT_POSTS ?? 10_000);
const TARGET_POSTS_PER_S = 500;
const TARGET_PEAK_MB = 300;

const WORDS = 'harbour ferry council market tide quay lighthouse school bridge festival rain road budget'.split(' ');
const sentence = (i: number, n: number) =>
  Array.from({ length: n }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ');

/** The export written as a stream, so generating it holds no more than one post either. */
async function writeExport(file: string, posts: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench Gazette</title><link>https://bench.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://bench.example</wp:base_site_url><wp:base_blog_url>https://bench.example</wp:base_blog_url>
`);
  for (let a = 0; a < 20; a++)
    await write(
      `<wp:author><wp:author_login>writer${a}</wp:author_login><wp:author_display_name>Writer ${a}</wp:author_display_name></wp:author>\n`,
    );
  for (let c = 0; c < 12; c++)
    await write(
      `<wp:category><wp:category_nicename>desk-${c}</wp:category_nicename><wp:category_parent>${c >= 6 ? `desk-${c - 6}` : ''}</wp:category_parent><wp:cat_name>Desk ${c}</wp:cat_name></wp:category>\n`,
    );
  for (let i = 1; i <= posts; i++) {
    const day = new Date(Date.UTC(2015, 0, 1) + i * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
    const body = Array.from({ length: 8 }, (_, p) => `<p>${sentence(i + p, 40)}.</p>`).join('\n');
    await write(`<item><title>${sentence(i, 6)} ${i}</title><link>https://bench.example/${day.slice(0, 4)}/post-${i}/</link>
<dc:creator>writer${i % 20}</dc:creator><content:encoded><![CDATA[<!-- wp:paragraph -->${body}<h2>${sentence(i, 3)}</h2><ul><li>${sentence(i, 5)}</li><li>${sentence(i + 1, 5)}</li></ul>]]></content:encoded>
<excerpt:encoded><![CDATA[${sentence(i, 12)}]]></excerpt:encoded><wp:post_id>${i}</wp:post_id><wp:post_date_gmt>${day}</wp:post_date_gmt>
<wp:post_name>post-${i}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="desk-${i % 12}">Desk</category><category domain="post_tag" nicename="t${i % 300}">Topic ${i % 300}</category><category domain="post_tag" nicename="w${i % 7}">${WORDS[i % WORDS.length]}</category>
<wp:comment><wp:comment_id>${i}</wp:comment_id></wp:comment></item>\n`);
  }
  await write('</channel></rss>\n');
  out.end();
  await once(out, 'finish');
}

const dir = mkdtempSync(join(tmpdir(), 'dateline-bench-import-'));
try {
  const file = join(dir, 'export.xml');
  await writeExport(file, POSTS);
  console.log(`Generated ${POSTS.toLocaleString('en')} posts (${(statSync(file).size / 1e6).toFixed(1)} MB of WXR).`);
  const storage = createStorage(
    loadConfig({ DATELINE_DATA: join(dir, 'data'), DATELINE_DEMO: '0', LOG_LEVEL: 'silent' }),
  );
  await migrateToLatest(storage.db, storage.dialect, storage.schema);
  const started = performance.now();
  const report = await importWordpress(storage.db, file, { noMedia: true });
  const seconds = (performance.now() - started) / 1000;
  await storage.close();
  const rate = report.counts.article.created / seconds;
  // maxRSS is in kilobytes: the peak of the whole process (Node, the generator above, the import).
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  console.log(
    `Imported ${report.counts.article.created.toLocaleString('en')} articles in ${seconds.toFixed(1)} s (load average ${loadavg()[0]!.toFixed(2)}).`,
  );
  console.log(
    `  posts/s    ${rate.toFixed(0).padStart(7)}   target ≥ ${TARGET_POSTS_PER_S}   ${verdict(rate >= TARGET_POSTS_PER_S)}`,
  );
  console.log(
    `  peak RSS   ${peakMb.toFixed(0).padStart(5)} MB   target < ${TARGET_PEAK_MB} MB  ${verdict(peakMb < TARGET_PEAK_MB)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
