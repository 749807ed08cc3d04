/** An article's page as rendered when it was written (issue 10): read whole by the reader on a page miss. */
export interface ArticleRenderTable {
  article_id: number;
  /** The site stamp the pieces were rendered under; another stamp: the row is stale. */
  site_stamp: string;
  /** When the pieces were rendered, epoch milliseconds. */
  made_at: number;
  /** JSON describing the pieces, written and read by services/article-render.ts; opaque to storage. */
  meta: string;
  /** The pieces' bytes, opaque to storage. */
  pieces: Uint8Array;
}
