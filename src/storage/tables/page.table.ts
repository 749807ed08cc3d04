import type { Generated } from 'kysely';

/** A page of the publication (About, Contact…). Times are epoch milliseconds, as everywhere. */
export interface PageTable {
  id: Generated<number>;
  /** Its address, /{slug}/: unique among pages, and kept apart from sections' slugs by the services. */
  slug: string;
  title: string;
  /** JSON of the structured body (domain/body.ts), the articles' own. */
  body: string;
  /** draft | published (domain/publication-page.ts). */
  status: string;
  photo_media_id: number | null;
  photo_caption: string | null;
  photo_credit: string | null;
  photo_alt: string | null;
  /** Its place in the site's footer, from 1; null when the footer does not list it. */
  footer_position: number | null;
  created_at: number;
  created_by: number | null;
  /** When it first went live; stays when it is taken down and put back. */
  published_at: number | null;
  modified_at: number;
  /** Moves on every save; a save from an older form is a conflict, not an overwrite. */
  revision: Generated<number>;
}

export interface PageRevisionTable {
  page_id: number;
  revision: number;
  saved_by: number | null;
  /** The API key (an integration of the Admin API) that made the save; null for a newsroom account's. */
  saved_by_key: string | null;
  saved_at: number;
  /** JSON of the page's editable fields at that revision (PageSnapshotSchema). */
  snapshot: string;
  /** The snapshot's length in bytes, so a list shows it without reading the snapshot. */
  size: number;
  /** The state that save left the page in. */
  status: string;
}
