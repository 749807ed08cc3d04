import type * as DemoContent from '../demo/demo-content.js';
import type { DemoPage } from '../demo/demo-pages.js';
import { pageSlugProblem } from '../domain/publication-page.js';
import { isReservedPath } from '../domain/reserved-paths.js';
import type { Db } from '../storage/database.js';
import { countArticleRows } from '../storage/repositories/article.repository.js';
import { upsertAuthorRow } from '../storage/repositories/author.repository.js';
import { replaceHomeTopRows, replaceSectionPinRows } from '../storage/repositories/curation.repository.js';
import { upsertSectionRow } from '../storage/repositories/section.repository.js';
import { bumpContentVersion, writeSettingRow } from '../storage/repositories/site.repository.js';
import { writeArticle } from './save-article.js';
import { writePublicationPageIn } from './save-publication-page.js';
import { insertImage, loadSharp, prepareImage, type PreparedImage } from './store-image.js';

const HOUR = 3_600_000;
const PHOTO_WIDTH = 1200;
const PHOTO_HEIGHT = 800;

/**
 * Loads the demo newspaper into an empty database: sections, authors, illustrated articles spread over the
 * last days, curation. Does nothing when any article exists, so it never touches a real newsroom's data.
 */
export const seedDemoContent = async (db: Db, now = new Date()): Promise<{ articles: number } | null> => {
  if ((await countArticleRows(db)) > 0) return null;
  // The demo newspaper (some 2,100 lines of text and drawings) is read only now, for an empty database:
  // a worker, which imports this module, never loads it.
  const demo = await import('../demo/demo-content.js');
  const { DEMO_PAGES } = await import('../demo/demo-pages.js');
  refuseReservedSections(demo.DEMO_SECTIONS);
  refuseUnservablePages(DEMO_PAGES, demo.DEMO_SECTIONS);
  const { illustrationSvg } = await import('../demo/demo-illustration.js');
  // Rasterise the illustrations first: the transaction below then holds the database only briefly.
  const photos = new Map<string, PreparedImage>();
  const sharp = await loadSharp();
  for (const a of demo.DEMO_ARTICLES) {
    if (!a.photo) continue;
    const png = await sharp(Buffer.from(illustrationSvg(a.photo.scene, a.key, PHOTO_WIDTH, PHOTO_HEIGHT)))
      .png()
      .toBuffer();
    // Without AVIF, made when first asked for: encoding it for 35 pictures took the seed from 17 to 32 s of CPU
    // (docs/architecture/0013-brotli.md), on the first start of every new install.
    photos.set(a.key, await prepareImage(png, { avif: false }));
  }
  // One transaction: a crash part-way leaves an empty database, which the next start seeds again.
  return db.transaction().execute(async (trx) => {
    const written = await writeDemo(trx, demo, photos, now);
    await writeDemoPages(trx, DEMO_PAGES, now);
    return written;
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

const writeDemo = async (
  db: Db,
  { DEMO_ARTICLES, DEMO_AUTHORS, DEMO_PUBLICATION, DEMO_SECTIONS }: typeof DemoContent,
  photos: Map<string, PreparedImage>,
  now: Date,
): Promise<{ articles: number }> => {
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
  // Oldest first, so ids grow with publication time as they would in a real newsroom.
  for (const a of [...DEMO_ARTICLES].sort((x, y) => y.hoursAgo - x.hoursAgo)) {
    const prepared = photos.get(a.key);
    const photo = prepared ? await insertImage(db, prepared, now) : null;
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

  for (const s of DEMO_SECTIONS) {
    const pinned = DEMO_ARTICLES.filter((a) => a.pinned && a.section === s.slug).map((a) => articleIds.get(a.key)!);
    await replaceSectionPinRows(db, sectionIds.get(s.slug)!, pinned);
  }
  const top = DEMO_ARTICLES.filter((a) => a.topStory !== undefined).sort((x, y) => x.topStory! - y.topStory!);
  await replaceHomeTopRows(
    db,
    top.map((a) => articleIds.get(a.key)!),
  );
  await bumpContentVersion(db);
  return { articles: DEMO_ARTICLES.length };
};
