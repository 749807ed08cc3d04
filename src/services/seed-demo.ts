import type * as DemoContent from '../demo/demo-content.js';
import type * as DemoContentJa from '../demo/demo-content-ja.js';
import type { DemoPage } from '../demo/demo-pages.js';
import { defaultEditionSettings, validateEdition } from '../domain/edition.js';
import { pageSlugProblem } from '../domain/publication-page.js';
import { isReservedPath } from '../domain/reserved-paths.js';
import { isSlug } from '../domain/slug.js';
import type { Db } from '../storage/database.js';
import { countArticleRows } from '../storage/repositories/article.repository.js';
import { upsertAuthorRow } from '../storage/repositories/author.repository.js';
import { replaceHomeTopRows, replaceSectionPinRows } from '../storage/repositories/curation.repository.js';
import {
  insertEditionRow,
  insertTranslationLink,
  listEditionRows,
  nextEditionPosition,
  replaceSectionNameRows,
} from '../storage/repositories/edition.repository.js';
import { upsertSectionRow } from '../storage/repositories/section.repository.js';
import { bumpContentVersion, writeSettingRow } from '../storage/repositories/site.repository.js';
import { writeArticle } from './save-article.js';
import { writePublicationPageIn } from './save-publication-page.js';
import { insertImage, type PreparedImage } from './store-image.js';
import { whyNotLinked } from './translations.js';
import { prepareDemoPhotos } from '../demo/demo-photo-cache.js';

const HOUR = 3_600_000;

/**
 * Loads the demo newspaper into an empty database: sections, authors, illustrated articles spread over the
 * last days, curation. Does nothing when any article exists, so it never touches a real newsroom's data.
 */
export const seedDemoContent = async (
  db: Db,
  now = new Date(),
  opts: {
    /** A folder keeping prepared illustrations between seeds (Config.demoPhotoCache); null: prepare them each time. */
    photoCache?: string | null;
  } = {},
): Promise<{ articles: number } | null> => {
  if ((await countArticleRows(db)) > 0) return null;
  // The demo newspaper (some 2,100 lines of text and drawings) is read only now, for an empty database:
  // a worker, which imports this module, never loads it.
  const demo = await import('../demo/demo-content.js');
  const ja = await import('../demo/demo-content-ja.js');
  const { DEMO_PAGES } = await import('../demo/demo-pages.js');
  refuseReservedSections(demo.DEMO_SECTIONS);
  refuseUnservablePages(DEMO_PAGES, demo.DEMO_SECTIONS);
  refuseUnservableSectionNames(ja.DEMO_JA_SECTION_NAMES, DEMO_PAGES, ja.DEMO_JA_EDITION.prefix);
  // Rasterised first: the transaction below then holds the database only briefly.
  const photos = await prepareDemoPhotos(demo.DEMO_ARTICLES, opts.photoCache ?? null);
  // One transaction: a crash part-way leaves an empty database, which the next start seeds again.
  return db.transaction().execute(async (trx) => {
    const english = await writeDemo(trx, demo, photos, now);
    await writeDemoPages(trx, DEMO_PAGES, now);
    const japanese = await writeJapaneseEdition(trx, demo, ja, english, DEMO_PAGES, now);
    await writeCuration(trx, demo, english, japanese);
    await bumpContentVersion(trx);
    return { articles: english.articleIds.size + japanese.size };
  });
};

/** The paper's own pages (About, Contact…), all published and in the footer in the order listed. */
export const writeDemoPages = async (db: Db, pages: DemoPage[], now: Date): Promise<void> => {
  for (const [i, page] of pages.entries()) {
    await writePublicationPageIn(
      db,
      null,
      { slug: page.slug, title: page.title, body: page.body, photo: null, status: 'published' },
      { now, savedBy: null, footerPosition: i + 1 },
    );
  }
};

/** Like the sections: a demo page at an address the site keeps, or a section's, could never be read. */
const refuseUnservablePages = (pages: DemoPage[], sections: typeof DemoContent.DEMO_SECTIONS): void => {
  const sectionSlugs = new Set(sections.flatMap((s) => [s.slug, ...(s.subsections ?? []).map((sub) => sub.slug)]));
  const bad = pages.filter((p) => pageSlugProblem(p.slug) !== null || sectionSlugs.has(p.slug));
  if (bad.length > 0) throw new Error(`demo pages cannot be served at: ${bad.map((p) => p.slug).join(', ')}`);
};

/** The demo is edited by hand; a section at an address the site keeps would seed fronts no reader can open. */
const refuseReservedSections = (sections: typeof DemoContent.DEMO_SECTIONS): void => {
  const slugs = sections.flatMap((s) => [s.slug, ...(s.subsections ?? []).map((sub) => sub.slug)]);
  const reserved = slugs.filter(isReservedPath);
  if (reserved.length > 0) throw new Error(`demo sections use addresses the site keeps: ${reserved.join(', ')}`);
};

/**
 * Like refuseReservedSections for the Japanese edition's section addresses: each a slug, none the site's or a
 * page's (top-level ones) or the edition's own prefix, and no two alike (section_name's unique key would fail the
 * whole seed, less clearly).
 */
const refuseUnservableSectionNames = (names: DemoContentJa.DemoSectionName[], pages: DemoPage[], prefix: string) => {
  const pageSlugs = new Set(pages.map((p) => p.slug));
  const bad = names.filter(
    (n, i) =>
      !isSlug(n.slug) ||
      isReservedPath(n.slug) ||
      n.slug === prefix.slice(1, -1) ||
      (!n.section.includes('/') && pageSlugs.has(n.slug)) ||
      names.findIndex((m) => m.slug === n.slug) !== i,
  );
  if (bad.length > 0) throw new Error(`demo section names cannot be served at: ${bad.map((n) => n.slug).join(', ')}`);
};

/** What the English demo wrote that the Japanese edition and curation build on, by the demo's keys. */
interface WrittenDemo {
  /** By section slug path ("politics", "politics/diplomacy"). */
  sectionIds: Map<string, number>;
  authorIds: Map<string, number>;
  articleIds: Map<string, number>;
  /** The stored illustration of each article that has one. */
  mediaIds: Map<string, number>;
}

const writeDemo = async (
  db: Db,
  { DEMO_ARTICLES, DEMO_AUTHORS, DEMO_PUBLICATION, DEMO_SECTIONS }: typeof DemoContent,
  photos: Map<string, PreparedImage>,
  now: Date,
): Promise<WrittenDemo> => {
  const sectionIds = new Map<string, number>();
  let position = 0;
  for (const s of DEMO_SECTIONS) {
    const id = await upsertSectionRow(db, { slug: s.slug, name: s.name, parent_id: null, position: ++position });
    sectionIds.set(s.slug, id);
    for (const sub of s.subsections ?? []) {
      sectionIds.set(
        `${s.slug}/${sub.slug}`,
        await upsertSectionRow(db, { slug: sub.slug, name: sub.name, parent_id: id, position: ++position }),
      );
    }
  }
  const authorIds = new Map<string, number>();
  for (const a of DEMO_AUTHORS) authorIds.set(a.slug, await upsertAuthorRow(db, a));
  await writeSettingRow(db, 'publicationName', DEMO_PUBLICATION.name);
  await writeSettingRow(db, 'shortName', DEMO_PUBLICATION.shortName);

  const articleIds = new Map<string, number>();
  const mediaIds = new Map<string, number>();
  // Oldest first, so ids grow with publication time as they would in a real newsroom.
  for (const a of [...DEMO_ARTICLES].sort((x, y) => y.hoursAgo - x.hoursAgo)) {
    const prepared = photos.get(a.key);
    const photo = prepared ? await insertImage(db, prepared, now) : null;
    if (photo) mediaIds.set(a.key, photo.mediaId);
    const sectionId = sectionIds.get(a.subsection ? `${a.section}/${a.subsection}` : a.section);
    if (sectionId === undefined) throw new Error(`demo article ${a.key} names unknown section ${a.section}`);
    const id = await writeArticle(
      db,
      null,
      {
        slug: a.key,
        headline: a.headline,
        standfirst: a.standfirst,
        body: a.body,
        sectionId,
        authorIds: a.authors.map((slug) => authorIds.get(slug)!),
        tags: a.tags,
        photo:
          photo && a.photo
            ? { mediaId: photo.mediaId, caption: a.photo.caption, credit: a.photo.credit, alt: a.photo.alt }
            : null,
        status: 'published',
        publishedAt: new Date(now.getTime() - a.hoursAgo * HOUR),
        updatedAt: a.updatedHoursAgo === undefined ? null : new Date(now.getTime() - a.updatedHoursAgo * HOUR),
        sourceKey: `demo:${a.key}`,
      },
      now,
    );
    articleIds.set(a.key, id);
  }
  return { sectionIds, authorIds, articleIds, mediaIds };
};

/**
 * The Japanese edition at /ja/ (issue 13): the edition, its section names, and its articles, each the translation
 * of an English one, linked to it and live a little after it, with its section, bylines, tags and illustration.
 * Answers the Japanese articles' ids by their sources' keys (none on a site that has editions of its own already).
 * Checked as the newsroom checks an edition, and linked as linkTranslation links, in the demo's one transaction
 * (linkTranslation opens a transaction of its own).
 */
const writeJapaneseEdition = async (
  db: Db,
  { DEMO_ARTICLES }: typeof DemoContent,
  { DEMO_JA_EDITION, DEMO_JA_SECTION_NAMES, DEMO_JA_ARTICLES }: typeof DemoContentJa,
  english: WrittenDemo,
  pages: DemoPage[],
  now: Date,
): Promise<Map<string, number>> => {
  const editions = await listEditionRows(db);
  // Editions made before any article (in the newsroom, before the first start that seeds) are the paper's own:
  // the demo neither changes them nor adds one beside them.
  if (editions.length > 1) return new Map();
  const { language, prefix, ...names } = DEMO_JA_EDITION;
  const checked = validateEdition(
    { language, prefix, ...defaultEditionSettings(language, names) },
    {
      isFirst: false,
      otherPrefixes: editions.map((e) => e.prefix),
      otherLanguages: editions.map((e) => e.language),
      takenSegments: new Set([
        ...[...english.sectionIds.keys()].filter((k) => !k.includes('/')),
        ...pages.map((p) => p.slug),
      ]),
    },
  );
  if (!checked.ok) throw new Error(`the demo's Japanese edition is refused: ${JSON.stringify(checked.fields)}`);
  const { language: lang, prefix: pre, ...settings } = checked.edition;
  const editionId = await insertEditionRow(db, {
    language: lang,
    prefix: pre,
    position: await nextEditionPosition(db),
    settings: JSON.stringify(settings),
  });
  if (editionId === undefined) throw new Error('the demo could not add its Japanese edition');
  await replaceSectionNameRows(
    db,
    editionId,
    DEMO_JA_SECTION_NAMES.map((n) => ({ section_id: english.sectionIds.get(n.section)!, name: n.name, slug: n.slug })),
  );

  const translated = new Map<string, number>();
  const sources = new Map(DEMO_ARTICLES.map((a) => [a.key, a]));
  // Oldest first, as the English ones.
  const hoursAgo = (j: DemoContentJa.DemoTranslation) => {
    const source = sources.get(j.of)!;
    return (source.updatedHoursAgo ?? source.hoursAgo) - j.hoursAfterSource;
  };
  for (const j of [...DEMO_JA_ARTICLES].sort((x, y) => hoursAgo(y) - hoursAgo(x))) {
    const source = sources.get(j.of);
    const sourceId = english.articleIds.get(j.of);
    if (!source || sourceId === undefined) throw new Error(`demo translation of unknown article ${j.of}`);
    if (hoursAgo(j) <= 0) throw new Error(`demo translation of ${j.of} would go live in the future`);
    const mediaId = english.mediaIds.get(j.of);
    const id = await writeArticle(
      db,
      null,
      {
        slug: source.key,
        headline: j.headline,
        standfirst: j.standfirst,
        body: j.body,
        sectionId: english.sectionIds.get(
          source.subsection ? `${source.section}/${source.subsection}` : source.section,
        )!,
        authorIds: source.authors.map((slug) => english.authorIds.get(slug)!),
        tags: source.tags,
        photo:
          mediaId !== undefined && source.photo && j.photo
            ? { mediaId, caption: j.photo.caption, credit: source.photo.credit, alt: j.photo.alt }
            : null,
        status: 'published',
        publishedAt: new Date(now.getTime() - hoursAgo(j) * HOUR),
        updatedAt: null,
        sourceKey: `demo:ja:${source.key}`,
      },
      now,
      { editionId },
    );
    if (!(await insertTranslationLink(db, { sourceId, translationId: id, at: now.getTime() })))
      throw await whyNotLinked(db, sourceId, id);
    translated.set(j.of, id);
  }
  return translated;
};

/**
 * Section pins and home top stories: the English ones, then their translations in the same order (each edition's
 * pages list only their own, so the Japanese home leads with the translation of the English lead).
 */
const writeCuration = async (
  db: Db,
  { DEMO_ARTICLES, DEMO_SECTIONS }: typeof DemoContent,
  english: WrittenDemo,
  japanese: Map<string, number>,
): Promise<void> => {
  const inBothEditions = (keys: string[]) => [
    ...keys.map((k) => english.articleIds.get(k)!),
    ...keys.flatMap((k) => (japanese.has(k) ? [japanese.get(k)!] : [])),
  ];
  for (const s of DEMO_SECTIONS) {
    const pinned = DEMO_ARTICLES.filter((a) => a.pinned && a.section === s.slug).map((a) => a.key);
    await replaceSectionPinRows(db, english.sectionIds.get(s.slug)!, inBothEditions(pinned));
  }
  const top = DEMO_ARTICLES.filter((a) => a.topStory !== undefined).sort((x, y) => x.topStory! - y.topStory!);
  await replaceHomeTopRows(db, inBothEditions(top.map((a) => a.key)));
};
