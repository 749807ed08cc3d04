import type { MainPhoto } from '../domain/article.js';

/** The photo columns a query joins from `media` beside an article's or a page's own caption, credit and alt. */
export interface MainPhotoColumns {
  photo_media_id: number | null;
  photo_hash: string | null;
  photo_width: number | null;
  photo_height: number | null;
  photo_caption: string | null;
  photo_credit: string | null;
  photo_alt: string | null;
}

/** The main photo only when its media row exists (a left join leaves the columns null when it was deleted). */
export const mainPhotoFromRow = (row: MainPhotoColumns): MainPhoto | null =>
  row.photo_media_id !== null && row.photo_hash !== null && row.photo_width !== null && row.photo_height !== null
    ? {
        mediaId: row.photo_media_id,
        hash: row.photo_hash,
        width: row.photo_width,
        height: row.photo_height,
        caption: row.photo_caption ?? '',
        credit: row.photo_credit,
        alt: row.photo_alt ?? '',
      }
    : null;
