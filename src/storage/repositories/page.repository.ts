import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../database.js';
import type { PageTable } from '../tables/page.table.js';

type PageValues = Omit<Insertable<PageTable>, 'id' | 'revision' | 'footer_position'>;

/** A page with its photo's variant facts, when it has a photo still in the library. */
const pageWithPhoto = (db: Db) =>
  db
    .selectFrom('page')
    .leftJoin('media', 'media.id', 'page.photo_media_id')
    .selectAll('page')
    .select(['media.hash as photo_hash', 'media.width as photo_width', 'media.height as photo_height']);

export type PageRow = NonNullable<Awaited<ReturnType<typeof findPageRow>>>;

export const findPageRow = (db: Db, id: number) => pageWithPhoto(db).where('page.id', '=', id).executeTakeFirst();

export const findPageRowBySlug = (db: Db, slug: string) =>
  pageWithPhoto(db).where('page.slug', '=', slug).executeTakeFirst();

/** Every page for the newsroom's list: what it is, not its body. Footer pages first, in footer order. */
export const listPageRows = (db: Db) =>
  db
    .selectFrom('page')
    .select(['id', 'slug', 'title', 'status', 'footer_position', 'modified_at', 'published_at'])
    .orderBy('title')
    .orderBy('id')
    .execute();

/** The published pages the footer lists, in its order. */
export const footerPageRows = (db: Db) =>
  db
    .selectFrom('page')
    .select(['slug', 'title'])
    .where('status', '=', 'published')
    .where('footer_position', 'is not', null)
    .orderBy('footer_position')
    .orderBy('id')
    .execute();

/** Whether a page other than `exceptId` has this slug. */
export const pageSlugTaken = async (db: Db, slug: string, exceptId: number | null): Promise<boolean> => {
  let query = db.selectFrom('page').select('id').where('slug', '=', slug);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
};

export const insertPageRow = async (db: Db, values: PageValues & { footer_position?: number | null }) =>
  (await db.insertInto('page').values(values).returning('id').executeTakeFirstOrThrow()).id;

/**
 * Writes a page saved from revision `expectedRevision`, moving its revision on; false when the page is not at that
 * revision any more (someone saved meanwhile) or is gone.
 */
export const updatePageRow = async (
  db: Db,
  id: number,
  expectedRevision: number,
  values: Omit<Updateable<PageTable>, 'id' | 'revision' | 'created_at' | 'created_by' | 'footer_position'>,
): Promise<boolean> => {
  const result = await db
    .updateTable('page')
    .set((eb) => ({ ...values, revision: eb('revision', '+', 1) }))
    .where('id', '=', id)
    .where('revision', '=', expectedRevision)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
};

/** Sets the footer to exactly these pages, in this order; every other page leaves it. */
export const replaceFooterPositions = async (db: Db, ids: readonly number[]): Promise<void> => {
  await db.updateTable('page').set({ footer_position: null }).where('footer_position', 'is not', null).execute();
  for (const [i, id] of ids.entries()) {
    await db
      .updateTable('page')
      .set({ footer_position: i + 1 })
      .where('id', '=', id)
      .execute();
  }
};

export const insertPageRevisionRow = (
  db: Db,
  values: {
    page_id: number;
    revision: number;
    saved_by: number | null;
    saved_by_key?: string | null;
    saved_at: number;
    snapshot: string;
    status: string;
  },
) =>
  db
    .insertInto('page_revision')
    .values({ ...values, size: Buffer.byteLength(values.snapshot, 'utf8') })
    .execute();

/** One page of a page's revisions, newest first, without their stored copies. */
export const pageRevisionListRows = (db: Db, pageId: number, limit: number, offset: number) =>
  db
    .selectFrom('page_revision')
    .leftJoin('user_account', 'user_account.id', 'page_revision.saved_by')
    .select([
      'page_revision.revision',
      'page_revision.saved_at',
      'page_revision.size',
      'page_revision.status',
      'user_account.name as saved_by_name',
    ])
    .where('page_revision.page_id', '=', pageId)
    .orderBy('page_revision.revision', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();

export const countPageRevisionRows = async (db: Db, pageId: number): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('page_revision')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('page_id', '=', pageId)
        .executeTakeFirst()
    )?.n ?? 0,
  );

/** The named revisions of one page with their stored copies. */
export const pageRevisionRowsByKey = (db: Db, pageId: number, revisions: readonly number[]) =>
  db
    .selectFrom('page_revision')
    .select(['revision', 'snapshot'])
    .where('page_id', '=', pageId)
    .where('revision', 'in', revisions.length > 0 ? revisions : [-1])
    .execute();
