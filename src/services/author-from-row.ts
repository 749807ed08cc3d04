import type { Author } from '../domain/article.js';
import { storedAuthorLinks } from '../domain/author-links.js';
import type { AuthorProfileRow } from '../storage/repositories/author.repository.js';

/** A stored profile as pages use it: links read through their schema, the photo only when its media row exists. */
export const authorFromRow = (row: AuthorProfileRow): Author => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  bio: row.bio,
  jobTitle: row.job_title,
  photo:
    row.photo_media_id !== null && row.photo_hash !== null && row.photo_width !== null && row.photo_height !== null
      ? { mediaId: row.photo_media_id, hash: row.photo_hash, width: row.photo_width, height: row.photo_height }
      : null,
  links: storedAuthorLinks(row.links),
});
