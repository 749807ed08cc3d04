import { createHash } from 'node:crypto';
import type { ArticleInput } from '../domain/article.js';
import type { Block } from '../domain/body-text.js';
import type { ConvertedBlock } from '../domain/html-to-body.js';
import { altOf, labelOf, type ImportPlan } from '../domain/import-plan.js';
import type { PageInput } from '../domain/publication-page.js';
import type { Db } from '../storage/database.js';
import {
  putImportSourceRow,
  type ImportScope,
  type ImportSourceRow,
} from '../storage/repositories/import-source.repository.js';
import { pageSlugClash } from './publication-pages.js';
import { writeArticleRevision } from './save-article.js';
import { writePublicationPageIn } from './save-publication-page.js';
import { freeSlug, type Places } from './import-places.js';
import type { ImportReport } from './import-report.js';

/**
 * One mapped post or page written, from any source (records 0024, 0027): its images placed from the media the batch
 * loaded, its section and bylines found or made, and a new revision only when what it would write differs from
 * what the last import wrote (the digest in import_source): the same file imported again changes nothing.
 */
export interface ImportWords {
  /** The source as the report names it: "WordPress", "Ghost". */
  source: string;
  /** What the source calls a curated post: "sticky", "featured". */
  featured: string;
}

export interface WriteContext {
  scope: ImportScope;
  words: ImportWords;
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

/** What the last steps need of a written item: old addresses, and whether it was curated. */
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

/** Image addresses the plans need that no earlier import or batch has loaded (or failed to). */
export function wantedImages(plans: readonly ImportPlan[], c: Pick<WriteContext, 'media'>): string[] {
  const urls = new Set<string>();
  for (const plan of plans) {
    for (const b of plan.blocks) if (b.type === 'image-source') urls.add(b.image.src);
    if (plan.photo) urls.add(plan.photo.url);
  }
  return [...urls].filter((u) => !c.media.has(u));
}

function placeImages(plan: ImportPlan, c: WriteContext, kind: string): Block[] {
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
    const alt = altOf(block.image.alt || block.image.caption || '', plan.headline);
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

function photoOf(plan: ImportPlan, c: WriteContext, kind: string): ArticleInput['photo'] {
  if (plan.photo === null) return null;
  const { url, alt, caption } = plan.photo;
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
  return { mediaId: found, caption, credit: null, alt };
}

/** Writes the plan when it changed; answers what the last steps need. */
export async function writePlan(trx: Db, plan: ImportPlan, c: WriteContext): Promise<Written> {
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
  plan: ImportPlan,
  c: WriteContext,
  body: Block[],
  photo: ArticleInput['photo'],
  known: ImportSourceRow | undefined,
): Promise<number> {
  const sectionId = await c.places.sectionOf(trx, plan.section);
  const authorIds: number[] = [];
  for (const b of plan.bylines) {
    const id = await c.places.authorOf(trx, b);
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
  plan: ImportPlan,
  c: WriteContext,
  body: Block[],
  photo: PageInput['photo'],
  known: ImportSourceRow | undefined,
): Promise<number> {
  const existing = known && (await stillThere(trx, 'page', known.target_id)) ? known.target_id : null;
  if (plan.status === 'scheduled')
    c.report.downgrade(
      'page',
      labelOf(plan),
      `it is scheduled in ${c.words.source}; a page has no schedule, so it is a draft`,
    );
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
