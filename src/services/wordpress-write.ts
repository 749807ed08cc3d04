import { createHash } from 'node:crypto';
import type { ArticleInput } from '../domain/article.js';
import type { Block } from '../domain/body-text.js';
import type { ConvertedBlock } from '../domain/html-to-body.js';
import type { PageInput } from '../domain/publication-page.js';
import type { WxrIndex } from '../domain/wxr-index.js';
import type { WxrPlan } from '../domain/wxr-map.js';
import type { Db } from '../storage/database.js';
import {
  putImportSourceRow,
  type ImportScope,
  type ImportSourceRow,
} from '../storage/repositories/import-source.repository.js';
import { pageSlugClash } from './publication-pages.js';
import { writeArticleRevision } from './save-article.js';
import { writePublicationPageIn } from './save-publication-page.js';
import { freeSlug, type Places } from './wordpress-places.js';
import type { ImportReport } from './wordpress-report.js';

/**
 * One mapped WordPress post or page written (record 0024): its images placed from the media the batch loaded, its
 * section and bylines found or made, and a new revision only when what it would write differs from what the last
 * import wrote (the digest in import_source): the same file imported again changes nothing.
 */
export interface WriteContext {
  scope: ImportScope;
  index: WxrIndex;
  places: Places;
  report: ImportReport;
  /** What earlier imports made of each post and page, by source id. */
  known: { post: Map<string, ImportSourceRow>; page: Map<string, ImportSourceRow> };
  /** Each image address: its media id, or why it could not be had. */
  media: Map<string, number | string>;
  noMedia: boolean;
  editionId: number | null;
  now: Date;
}

/** What the last steps need of a written item: old addresses, and whether it was sticky. */
export interface Written {
  kind: 'post' | 'page';
  id: number;
  oldPaths: string[];
  live: boolean;
  featured: boolean;
  label: string;
}

const digestOf = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);

export const labelOf = (plan: { headline: string; sourceId: string; line: number }): string =>
  `"${plan.headline}" (id ${plan.sourceId}, line ${plan.line})`;

/** The address an item's featured image or body image is loaded from. */
export const thumbnailUrl = (plan: WxrPlan, index: WxrIndex): string | null =>
  plan.thumbnailId === null ? null : (index.attachments.get(plan.thumbnailId)?.url ?? null);

function placeImages(plan: WxrPlan, c: WriteContext, kind: string): Block[] {
  const out: Block[] = [];
  let dropped = 0;
  for (const block of plan.blocks as ConvertedBlock[]) {
    if (block.type !== 'image-source') {
      out.push(block);
      continue;
    }
    const found = c.media.get(block.image.src);
    if (typeof found !== 'number') {
      dropped++;
      if (!c.noMedia)
        c.report.downgrade(
          kind,
          labelOf(plan),
          `the image ${block.image.src} was left out: ${found ?? 'it was not loaded'}`,
        );
      continue;
    }
    const alt = (block.image.alt || block.image.caption || plan.headline).slice(0, 500);
    out.push({
      type: 'image',
      mediaId: found,
      alt,
      ...(block.image.caption ? { caption: block.image.caption } : {}),
      ...(block.image.credit ? { credit: block.image.credit } : {}),
    });
  }
  if (dropped > 0 && c.noMedia) c.report.note('Images were left out of the body (--no-media)');
  return out;
}

function photoOf(plan: WxrPlan, c: WriteContext, kind: string): ArticleInput['photo'] {
  const url = thumbnailUrl(plan, c.index);
  if (plan.thumbnailId === null) return null;
  if (url === null) {
    c.report.downgrade(kind, labelOf(plan), `its featured image (attachment ${plan.thumbnailId}) is not in the export`);
    return null;
  }
  const found = c.media.get(url);
  if (typeof found !== 'number') {
    if (!c.noMedia)
      c.report.downgrade(
        kind,
        labelOf(plan),
        `its featured image ${url} was left out: ${found ?? 'it was not loaded'}`,
      );
    return null;
  }
  const attachment = c.index.attachments.get(plan.thumbnailId)!;
  return { mediaId: found, caption: '', credit: null, alt: (attachment.alt || plan.headline).slice(0, 500) };
}

/** Writes the plan when it changed; answers what the last steps need. */
export async function writePlan(trx: Db, plan: WxrPlan, c: WriteContext): Promise<Written> {
  const kind = plan.kind === 'post' ? 'article' : 'page';
  for (const why of plan.downgrades) c.report.downgrade(kind, labelOf(plan), why);
  for (const field of plan.unknownFields) c.report.unknownField(field);
  for (const note of plan.notes) c.report.note(note);
  const body = placeImages(plan, c, kind);
  const photo = photoOf(plan, c, kind);
  const known = c.known[plan.kind].get(plan.sourceId);
  const id =
    plan.kind === 'post'
      ? await writePost(trx, plan, c, body, photo, known)
      : await writePage(trx, plan, c, body, photo, known);
  return {
    kind: plan.kind,
    id,
    oldPaths: plan.oldPaths,
    live: plan.status === 'published',
    featured: plan.featured,
    label: labelOf(plan),
  };
}

async function stillThere(trx: Db, table: 'article' | 'page', id: number): Promise<boolean> {
  return (await trx.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

async function writePost(
  trx: Db,
  plan: WxrPlan,
  c: WriteContext,
  body: Block[],
  photo: ArticleInput['photo'],
  known: ImportSourceRow | undefined,
): Promise<number> {
  const sectionId = await c.places.sectionOf(trx, plan.section);
  const authorIds: number[] = [];
  for (const b of plan.bylines) {
    const id = await c.places.authorOf(trx, b.login, b.name);
    if (!authorIds.includes(id)) authorIds.push(id);
  }
  if (plan.bylines.length === 0)
    c.report.downgrade('article', labelOf(plan), 'its author is not in the export, so it has no byline');
  const input: ArticleInput = {
    slug: plan.slug,
    headline: plan.headline,
    standfirst: plan.standfirst,
    body,
    sectionId,
    authorIds,
    tags: plan.tags,
    photo,
    status: plan.status,
    publishedAt: plan.publishedAt,
    updatedAt: null,
    seoDescription: plan.seoDescription,
    customFields: plan.customFields,
  };
  const digest = digestOf(input);
  const existing = known && (await stillThere(trx, 'article', known.target_id)) ? known.target_id : null;
  if (existing !== null && known!.digest === digest) {
    c.report.count('article', 'unchanged');
    return existing;
  }
  const { id } = await writeArticleRevision(
    trx,
    existing,
    input,
    c.now,
    existing === null && c.editionId !== null ? { editionId: c.editionId } : {},
  );
  c.report.count('article', existing === null ? 'created' : 'updated');
  await putImportSourceRow(trx, c.scope, 'post', { source_id: plan.sourceId, target_id: id, digest }, c.now.getTime());
  return id;
}

async function writePage(
  trx: Db,
  plan: WxrPlan,
  c: WriteContext,
  body: Block[],
  photo: PageInput['photo'],
  known: ImportSourceRow | undefined,
): Promise<number> {
  const existing = known && (await stillThere(trx, 'page', known.target_id)) ? known.target_id : null;
  if (plan.status === 'scheduled')
    c.report.downgrade('page', labelOf(plan), 'it is scheduled in WordPress; a page has no schedule, so it is a draft');
  const title = plan.headline.length > 200 ? `${plan.headline.slice(0, 199)}…` : plan.headline;
  const content = { title, body, photo, status: plan.status === 'published' ? 'published' : 'draft' } as const;
  const digest = digestOf({ ...content, slug: plan.slug });
  if (existing !== null && known!.digest === digest) {
    c.report.count('page', 'unchanged');
    return existing;
  }
  // A page keeps the address it was given: a re-import never moves it.
  const slug =
    existing !== null
      ? (await trx.selectFrom('page').select('slug').where('id', '=', existing).executeTakeFirstOrThrow()).slug
      : await freeSlug(plan.slug, async (s) => (await pageSlugClash(trx, s, null)) === null);
  if (existing === null && slug !== plan.slug)
    c.report.downgrade('page', labelOf(plan), `the address /${plan.slug}/ is taken, so it is /${slug}/`);
  const { id } = await writePublicationPageIn(trx, existing, { ...content, slug }, { now: c.now, savedBy: null });
  c.report.count('page', existing === null ? 'created' : 'updated');
  await putImportSourceRow(trx, c.scope, 'page', { source_id: plan.sourceId, target_id: id, digest }, c.now.getTime());
  return id;
}
