import { mediaUrl, variantName, variantWidths } from '../domain/media.js';
import type { Db } from '../storage/database.js';
import { findMediaRows, recentMediaRows } from '../storage/repositories/media.repository.js';

const previewOf = (m: { id: number; hash: string; width: number }): string =>
  mediaUrl(m.id, m.hash, variantName(variantWidths(m.width)[0]!, 'jpg'));

/** The smallest JPEG variant of each image that exists, by id: what the editor shows as a preview. */
export const previewUrls = async (db: Db, ids: number[]): Promise<Map<number, string>> =>
  new Map((await findMediaRows(db, ids)).map((m) => [m.id, previewOf(m)]));

export interface LibraryImage {
  id: number;
  preview: string;
  width: number;
  height: number;
  uploadedAt: Date;
}

/** One page of the image library, newest first, and whether older images follow. */
export const imageLibraryPage = async (
  db: Db,
  page: number,
  size: number,
): Promise<{ images: LibraryImage[]; hasOlder: boolean }> => {
  const rows = await recentMediaRows(db, size + 1, (page - 1) * size);
  return {
    images: rows.slice(0, size).map((m) => ({
      id: m.id,
      preview: previewOf(m),
      width: m.width,
      height: m.height,
      uploadedAt: new Date(m.created_at),
    })),
    hasOlder: rows.length > size,
  };
};
