import type { Generated } from 'kysely';

// Row types only (issue 13; docs/architecture/0014-editions.md).

export interface EditionTable {
  id: Generated<number>;
  /** Canonical BCP 47, unique: one edition per language. */
  language: string;
  /** "/" for the first edition, "/ja/" and the like for the others; unique. */
  prefix: string;
  /** The lowest is the first edition. */
  position: number;
  /** JSON of EditionSettings (domain/edition.ts), read through its schema. */
  settings: string;
}

/** A section's name and address in an edition other than the first; none: the section's own serve. */
export interface SectionNameTable {
  section_id: number;
  edition_id: number;
  name: string;
  /** Unique within the edition. */
  slug: string;
}

/** A source article and its translation into another edition; at most one per (source, edition). */
export interface ArticleTranslationTable {
  article_id: number;
  source_edition_id: number;
  translation_id: number;
  translation_edition_id: number;
  created_at: number;
  /** When the source had a significant update after the translation went live; null: no mark. */
  source_updated_at: number | null;
}
