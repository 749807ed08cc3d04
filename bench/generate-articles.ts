import type { Block } from '../src/domain/body.js';
import { urlDate } from '../src/domain/dateline.js';
import { DEFAULT_SETTINGS } from '../src/domain/settings.js';
import { writeArticle } from '../src/services/save-article.js';
import { createStorage } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { upsertAuthorRow } from '../src/storage/repositories/author.repository.js';
import { replaceHomeTopRows, replaceSectionPinRows } from '../src/storage/repositories/curation.repository.js';
import { upsertSectionRow } from '../src/storage/repositories/section.repository.js';

/** Synthetic newspaper content for benchmarks: deterministic, so two runs load the same archive. */

const YEAR_MS = 365 * 24 * 3_600_000;
/** Large transactions: one fsync per batch instead of one per article. */
const BATCH = 1000;

const SECTIONS: { slug: string; name: string; subsections?: { slug: string; name: string }[] }[] = [
  { slug: 'national', name: 'National', subsections: [{ slug: 'crime-courts', name: 'Crime & Courts' }] },
  { slug: 'politics', name: 'Politics', subsections: [{ slug: 'diplomacy', name: 'Diplomacy' }] },
  { slug: 'business', name: 'Business' },
  { slug: 'world', name: 'World' },
  { slug: 'society', name: 'Society' },
  { slug: 'science', name: 'Science' },
  { slug: 'sports', name: 'Sports' },
  { slug: 'culture', name: 'Culture' },
];

const AUTHORS = [
  { slug: 'aiko-mori', name: 'Aiko Mori', bio: 'Covers the prefectural assembly and local budgets.' },
  { slug: 'daniel-okafor', name: 'Daniel Okafor', bio: 'Writes about trade, shipping and the port economy.' },
  { slug: 'hana-sato', name: 'Hana Sato', bio: 'Science desk; energy, climate and research funding.' },
  { slug: 'lucas-brandt', name: 'Lucas Brandt', bio: 'Foreign correspondent based in the capital.' },
  { slug: 'mei-lin', name: 'Mei Lin', bio: 'Courts reporter and occasional columnist.' },
  { slug: 'ren-takahashi', name: 'Ren Takahashi', bio: 'Sports writer following the regional leagues.' },
];

const TAGS = [
  'budget',
  'elections',
  'transport',
  'housing',
  'energy',
  'weather',
  'tourism',
  'schools',
  'health',
  'trade',
  'courts',
  'baseball',
  'football',
  'festivals',
  'research',
  'labour',
  'fisheries',
  'rail',
];

// A plain word list; sentences built from it read as filler but have the length and spread of real copy.
const WORDS = (
  'city council plan budget river harbour station officials residents week report minister committee local ' +
  'school teachers parents rail line service new old public private company workers union wage talks agreement ' +
  'season team coach match league final crowd stadium festival museum exhibition artist film book market prices ' +
  'rice fish farmers weather storm rain heat summer winter spring autumn bridge road traffic tunnel airport flights ' +
  'visitors tourism hotel shops district mayor governor assembly vote election candidate party support survey data ' +
  'research university scientists energy solar wind power grid plant court judge ruling appeal police case ' +
  'hospital doctors patients clinic care elderly children housing rent land project construction delay cost ' +
  'million yen percent year month morning evening said told announced expected would could began ended under ' +
  'after before during while across near around through about against between within without toward among ' +
  'quietly sharply slowly early late again still also already nearly largely mostly openly briefly'
).split(' ');

/** mulberry32: small, fast, seeded; the same mix on every run. */
export const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

type Rand = () => number;
const int = (r: Rand, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

const words = (r: Rand, n: number): string[] => Array.from({ length: n }, () => pick(r, WORDS));
const sentence = (r: Rand): string => {
  const w = words(r, int(r, 8, 22)).join(' ');
  return `${w[0]!.toUpperCase()}${w.slice(1)}.`;
};
const titleCase = (ws: string[]) => ws.map((w) => `${w[0]!.toUpperCase()}${w.slice(1)}`).join(' ');

const body = (r: Rand): Block[] =>
  Array.from({ length: int(r, 6, 10) }, () => ({
    type: 'paragraph' as const,
    content: [{ text: Array.from({ length: int(r, 2, 5) }, () => sentence(r)).join(' ') }],
  }));

export interface GeneratedArticle {
  id: number;
  /** Canonical reader path, as the server computes it. */
  path: string;
}

export interface GeneratedSite {
  count: number;
  ms: number;
  /** Newest first. */
  newest: GeneratedArticle[];
  /** A uniform sample of the whole archive. */
  archiveSample: GeneratedArticle[];
  sectionPaths: string[];
}

/**
 * Fills a fresh database with `count` published articles spread over the year before `now`, oldest first (ids grow
 * with time, as in a newsroom), plus home-page and section curation: SQLite under `dataDir`, or the PostgreSQL
 * schema `postgres` names (empty, owned by the role the URL connects as). The same options make the same archive,
 * ids and addresses included, on either.
 */
export const generateArticles = async (opts: {
  dataDir: string;
  postgres?: { url: string; schema: string };
  count: number;
  now: Date;
  hotSetSize: number;
  archiveSampleSize: number;
  onProgress?: (done: number) => void;
}): Promise<GeneratedSite> => {
  const started = performance.now();
  const storage = createStorage({
    dataDir: opts.dataDir,
    databaseUrl: opts.postgres?.url ?? null,
    ...(opts.postgres ? { postgresSchema: opts.postgres.schema } : {}),
  });
  try {
    const db = storage.db;
    await migrateToLatest(db, storage.dialect, storage.schema);
    const r = prng(20261125);
    const sections: { id: number; path: string; topId: number }[] = [];
    await db.transaction().execute(async (trx) => {
      let position = 0;
      for (const s of SECTIONS) {
        const id = await upsertSectionRow(trx, { slug: s.slug, name: s.name, parent_id: null, position: ++position });
        sections.push({ id, path: `/${s.slug}/`, topId: id });
        for (const sub of s.subsections ?? []) {
          const subId = await upsertSectionRow(trx, {
            slug: sub.slug,
            name: sub.name,
            parent_id: id,
            position: ++position,
          });
          sections.push({ id: subId, path: `/${s.slug}/${sub.slug}/`, topId: id });
        }
      }
    });
    const authorIds: number[] = [];
    for (const a of AUTHORS) authorIds.push(await upsertAuthorRow(db, a));

    const all: (GeneratedArticle & { sectionTopId: number })[] = [];
    const start = opts.now.getTime() - YEAR_MS;
    const step = YEAR_MS / opts.count;
    for (let done = 0; done < opts.count; done += BATCH) {
      const n = Math.min(BATCH, opts.count - done);
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < n; i++) {
          const k = done + i;
          const publishedAt = new Date(Math.floor(start + k * step + r() * step * 0.9));
          const section = pick(r, sections);
          const headlineWords = words(r, int(r, 6, 10));
          const authors = [...new Set([pick(r, authorIds), ...(r() < 0.3 ? [pick(r, authorIds)] : [])])];
          const tags = [...new Set(Array.from({ length: int(r, 1, 3) }, () => pick(r, TAGS)))];
          const id = await writeArticle(
            trx,
            null,
            {
              slug: `${headlineWords.slice(0, 5).join('-')}-${k}`,
              headline: titleCase(headlineWords),
              standfirst: sentence(r),
              body: body(r),
              sectionId: section.id,
              authorIds: authors,
              tags,
              photo: null,
              status: 'published',
              publishedAt,
              updatedAt: null,
            },
            opts.now,
          );
          all.push({
            id,
            path: `${section.path}${urlDate(publishedAt, DEFAULT_SETTINGS.timeZone)}-${id}/`,
            sectionTopId: section.topId,
          });
        }
      });
      opts.onProgress?.(done + n);
    }

    // Curation as a desk would set it: a few of the newest stories on top, two pins per top-level section.
    const newest = [...all].reverse();
    await db.transaction().execute(async (trx) => {
      await replaceHomeTopRows(
        trx,
        newest
          .slice(0, 12)
          .filter((_, i) => i % 3 === 0)
          .map((a) => a.id),
      );
      for (const top of new Set(sections.map((s) => s.topId))) {
        const pins = newest
          .filter((a) => a.sectionTopId === top)
          .slice(3, 40)
          .filter((_, i) => i % 10 === 0)
          .slice(0, 2);
        await replaceSectionPinRows(
          trx,
          top,
          pins.map((a) => a.id),
        );
      }
    });

    // Distinct articles outside the hot set, in a fixed random order: each request of the archive walk asks
    // for a page no earlier request (nor the hot-set runs) cached, until the sample runs out.
    const sampleRand = prng(7);
    const hot = new Set(newest.slice(0, opts.hotSetSize));
    const archiveSample = all.filter((a) => !hot.has(a));
    for (let i = archiveSample.length - 1; i > 0; i--) {
      const j = Math.floor(sampleRand() * (i + 1));
      [archiveSample[i], archiveSample[j]] = [archiveSample[j]!, archiveSample[i]!];
    }
    archiveSample.length = Math.min(opts.archiveSampleSize, archiveSample.length);
    const strip = ({ id, path }: GeneratedArticle): GeneratedArticle => ({ id, path });
    return {
      count: all.length,
      ms: performance.now() - started,
      newest: newest.slice(0, opts.hotSetSize).map(strip),
      archiveSample: archiveSample.map(strip),
      sectionPaths: sections.map((s) => s.path),
    };
  } finally {
    await storage.close();
  }
};

/**
 * How many of the archive sample's pages are kept for the walk's warm-up, from its end (before the last 50). A second's
 * warm-up asks some of them twice, which only warms the page cache too; the walk needs every page it can get: at
 * 10,000 articles 3,000 here left 6,750 to walk, fewer than a 2 s round asked once the walk passed 3,400 answers a
 * second, so the figure took in answers from the page cache.
 */
const ARCHIVE_WARMUP_PAGES = 1500;
/**
 * The archive sample split for a walk (bench/reader.bench.ts, reader-postgres.ts): the pages the walk measures, and those its warm-up asks for;
 * the last 50 are left to the checks made before it, which cache them.
 */
export const splitArchiveSample = (paths: readonly string[]): { walk: string[]; warmup: string[] } => {
  const end = paths.length - 50;
  const warm = Math.min(ARCHIVE_WARMUP_PAGES, Math.floor(end / 3));
  return { walk: paths.slice(0, end - warm), warmup: paths.slice(end - warm, end) };
};
