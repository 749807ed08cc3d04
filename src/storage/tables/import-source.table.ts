/** What an importer made of each thing it read: see migrations/2026_12_03_0020_import_source.ts. */
export interface ImportSourceTable {
  source: string;
  /** The export's site (its base address), so two sites' ids never meet. */
  site: string;
  kind: string;
  /** The source's own id, opaque text. */
  source_id: string;
  target_id: number;
  /** Hash of what the importer wrote last: the same again is "unchanged". */
  digest: string;
  imported_at: number;
}
