/** The kinds of notice an editor can append to a published article, and how readers see each one named. */
export const CORRECTION_KINDS = ['correction', 'clarification', 'editors-note'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

export const CORRECTION_LABELS: Record<CorrectionKind, string> = {
  correction: 'Correction',
  clarification: 'Clarification',
  'editors-note': "Editor's note",
};

export const isCorrectionKind = (v: unknown): v is CorrectionKind =>
  typeof v === 'string' && (CORRECTION_KINDS as readonly string[]).includes(v);

/**
 * A stored kind this version does not know (written by hand, or by a newer version) is shown as a plain
 * correction: the notice stays public rather than disappearing from the article's foot.
 */
export const correctionKindOf = (raw: string): CorrectionKind => (isCorrectionKind(raw) ? raw : 'correction');

export interface Correction {
  id: number;
  articleId: number;
  kind: CorrectionKind;
  text: string;
  createdAt: Date;
}
