import type { ArticleInput, MainPhoto } from '../domain/article.js';

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

/** The photo a row keeps as a save takes it back (an article's or a page's input): no caption or alt is ''. */
export const photoInputFromRow = (
  row: Pick<MainPhotoColumns, 'photo_media_id' | 'photo_caption' | 'photo_credit' | 'photo_alt'>,
): ArticleInput['photo'] =>
  row.photo_media_id === null
    ? null
    : {
        mediaId: row.photo_media_id,
        caption: row.photo_caption ?? '',
        credit: row.photo_credit,
        alt: row.photo_alt ?? '',
      };
