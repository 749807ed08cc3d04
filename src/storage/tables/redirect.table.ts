/** An old address answered with a 301 (issue 17; docs/architecture/0023-redirects.md). */
export interface RedirectTable {
  /** The old address, normalised (services/redirects-path.ts): "/2019/05/old-story" or "/?p=123". */
  from_path: string;
  /** A path of this site, percent escapes normalised, never itself a from_path (no chains). */
  to_path: string;
  /** wordpress, ghost, newsroom or site-import; null when unknown. */
  source: string | null;
  created_at: number;
  updated_at: number;
}
