/**
 * Inline runs as the HTML converter gathers them (html-to-body.ts): HTML's whitespace collapsed the way a browser
 * shows it, adjacent runs with the same marks joined, and everything held to the body schema's limits (body.ts),
 * so a converted body always saves.
 */
import type { Inline, Mark } from './body-text.js';

/** body.ts's InlineSchema and block schemas, repeated here as numbers the converter fits to. */
export const LIMITS = {
  text: 20_000,
  runs: 500,
  marks: 3,
  listItems: 200,
  blocks: 2000,
  cite: 300,
  alt: 500,
  caption: 1000,
  credit: 300,
  href: 2048,
} as const;

// HTML's own whitespace (not U+00A0, which a writer typed on purpose and a browser keeps).
const HTML_SPACES = /[ \t\n\f\r]+/g;
// What leaves a run looking empty: a paragraph of only these (WordPress's "<p>&nbsp;</p>") is dropped.
const BLANK = /^(?:[\s\u00a0\u200b\u200c\u2060\ufeff]|\u200d)*$/;

/** A mutable gatherer of runs: one paragraph, heading, list item or quote at a time. */
export interface RunBuilder {
  /** Adds text with its marks; its whitespace is collapsed against what came before. */
  text(text: string, marks: readonly Mark[]): void;
  /** A word break (between two blocks read as one, or for a single <br>). */
  space(): void;
  /** Counts a <br>; returns how many came in a row with no words between them. */
  lineBreak(): number;
  /** The runs gathered so far, trimmed and joined, and empties the builder; [] when they hold no words. */
  take(): Inline[];
}

const marksKey = (marks: readonly Mark[] | undefined): string => JSON.stringify(marks ?? []);

/** One mark of each type, the first (outermost) winning, never more than the schema's three. */
export const withMark = (marks: readonly Mark[], mark: Mark): readonly Mark[] =>
  marks.some((m) => m.type === mark.type) ? marks : [...marks, mark].slice(0, LIMITS.marks);

export const createRunBuilder = (): RunBuilder => {
  let runs: { text: string; marks: readonly Mark[] }[] = [];
  let breaks = 0;
  const endsInSpace = () => runs.length === 0 || runs[runs.length - 1]!.text.endsWith(' ');
  const append = (text: string, marks: readonly Mark[]) => {
    const last = runs[runs.length - 1];
    if (last && marksKey(last.marks) === marksKey(marks)) last.text += text;
    else runs.push({ text, marks });
  };
  return {
    text(raw, marks) {
      let text = raw.replace(HTML_SPACES, ' ');
      if (text.startsWith(' ') && endsInSpace()) text = text.slice(1);
      if (text === '') return;
      if (text.trim() !== '') breaks = 0;
      append(text, marks);
    },
    space() {
      if (!endsInSpace()) append(' ', []);
    },
    lineBreak() {
      breaks += 1;
      if (!endsInSpace()) append(' ', []);
      return breaks;
    },
    take() {
      const taken = runs;
      runs = [];
      breaks = 0;
      return tidy(taken);
    },
  };
};

/** Trims the ends, drops empty runs, joins neighbours with the same marks; [] when no words are left. */
const tidy = (raw: { text: string; marks: readonly Mark[] }[]): Inline[] => {
  const runs = raw.map((r) => ({ ...r }));
  while (runs.length > 0 && runs[0]!.text.trimStart() === '') runs.shift();
  while (runs.length > 0 && runs[runs.length - 1]!.text.trimEnd() === '') runs.pop();
  if (runs.length === 0) return [];
  runs[0]!.text = runs[0]!.text.replace(/^ +/, '');
  runs[runs.length - 1]!.text = runs[runs.length - 1]!.text.replace(/ +$/, '');
  if (runs.every((r) => BLANK.test(r.text))) return [];
  const out: Inline[] = [];
  for (const run of runs) {
    if (run.text === '') continue;
    const last = out[out.length - 1];
    if (last && marksKey(last.marks) === marksKey(run.marks)) last.text += run.text;
    else out.push(run.marks.length > 0 ? { text: run.text, marks: [...run.marks] } : { text: run.text });
  }
  return out.flatMap(splitLongRun);
};

/** Cuts a string to at most `max` UTF-16 units without halving a surrogate pair. */
export const cut = (text: string, max: number): string => {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 1]!) ? max - 1 : max;
  return text.slice(0, end);
};

/** A run longer than the schema allows becomes several runs with the same marks: nothing is lost. */
const splitLongRun = (run: Inline): Inline[] => {
  if (run.text.length <= LIMITS.text) return [run];
  const parts: Inline[] = [];
  let rest = run.text;
  while (rest.length > 0) {
    const piece = cut(rest, LIMITS.text);
    parts.push({ ...run, text: piece });
    rest = rest.slice(piece.length);
  }
  return parts;
};

/** A paragraph's runs in groups the schema takes: a long paragraph becomes several, nothing lost. */
export const paragraphChunks = (runs: Inline[]): Inline[][] => {
  const chunks: Inline[][] = [];
  for (let i = 0; i < runs.length; i += LIMITS.runs) chunks.push(runs.slice(i, i + LIMITS.runs));
  return chunks;
};

/** A heading's, quote's or list item's runs cut to the schema's count; `cutShort` is told when words were lost. */
export const fitRuns = (runs: Inline[], cutShort: () => void): Inline[] => {
  if (runs.length <= LIMITS.runs) return runs;
  cutShort();
  return runs.slice(0, LIMITS.runs);
};

/** Plain text to at most `max` units, whitespace collapsed; `cutShort` is told when it was longer. */
export const fitText = (text: string, max: number, cutShort: () => void): string => {
  const plain = text.replace(HTML_SPACES, ' ').trim();
  if (plain.length <= max) return plain;
  cutShort();
  return cut(plain, max - 1).trimEnd() + '…';
};

/** True when the text shows nothing (spaces, no-break spaces, zero-width characters). */
export const isBlank = (text: string): boolean => BLANK.test(text);
