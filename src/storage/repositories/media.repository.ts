import type { Db } from '../database.js';

export const insertMediaRow = async (
  db: Db,
  values: { hash: string; width: number; height: number; mime: string; created_at: number },
): Promise<number> => (await db.insertInto('media').values(values).returning('id').executeTakeFirstOrThrow()).id;

export const insertMediaVariantRow = (
  db: Db,
  values: { media_id: number; name: string; mime: string; width: number; height: number; bytes: Uint8Array },
) => db.insertInto('media_variant').values(values).execute();

/** For a variant cut later (a crop): a stored one wins over a second cut. */
export const insertMediaVariantRowIfAbsent = (
  db: Db,
  values: { media_id: number; name: string; mime: string; width: number; height: number; bytes: Uint8Array },
) =>
  db
    .insertInto('media_variant')
    .values(values)
    .onConflict((oc) => oc.columns(['media_id', 'name']).doNothing())
    .execute();

/** The image's size and its widest kept JPEG: what a crop of an older image is cut from. */
export const findMediaSourceRow = (db: Db, mediaId: number) =>
  db
    .selectFrom('media_variant')
    .innerJoin('media', 'media.id', 'media_variant.media_id')
    .select(['media.hash', 'media.width', 'media.height', 'media_variant.bytes'])
    .where('media_variant.media_id', '=', mediaId)
    .where('media_variant.name', 'like', 'w%.jpg')
    .orderBy('media_variant.width', 'desc')
    .limit(1)
    .executeTakeFirst();

export const findMediaVariantRow = (db: Db, mediaId: number, name: string) =>
  db
    .selectFrom('media_variant')
    .innerJoin('media', 'media.id', 'media_variant.media_id')
    .select(['media.hash', 'media_variant.mime', 'media_variant.bytes'])
    .where('media_variant.media_id', '=', mediaId)
    .where('media_variant.name', '=', name)
    .executeTakeFirst();

export const findMediaIdByHash = async (db: Db, hash: string): Promise<number | undefined> =>
  (await db.selectFrom('media').select('id').where('hash', '=', hash).executeTakeFirst())?.id;

export const findMediaRows = (db: Db, ids: number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('media').select(['id', 'hash', 'width', 'height']).where('id', 'in', ids).execute();

/** The newest images in the library first (ids grow with upload time, so the primary key orders them). */
export const recentMediaRows = (db: Db, limit: number, offset: number) =>
  db
    .selectFrom('media')
    .select(['id', 'hash', 'width', 'height', 'created_at'])
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
