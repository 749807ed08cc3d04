/**
 * The search tokens of a text with the stretch of the original text each came from, so that a snippet can
 * mark the words a query matched (issue 15). The tokens are exactly those of indexTokens (a property test
 * pins the two together); this file only adds where each one sits.
 *
 * indexTokens works on normalised text, and normalising moves characters: ß becomes ss, ｶﾞ becomes ガ, a soft
 * hyphen disappears. So the text is first normalised with a map from every normalised character back to the
 * original characters it came from, then tokenised the way search-text.ts tokenises, keeping offsets.
 * Pure: no database.
 */
import { stemmer } from 'stemmer';
import { MAX_TOKEN_CHARS, normaliseText } from './search-text.js';
import { wordSegmenter } from './word-segmenter.js';

export interface TokenSpans {
  tokens: string[];
  /** Original-text offsets (UTF-16 units): token i came from text.slice(starts[i], ends[i]). */
  starts: number[];
  ends: number[];
}

// Characters whose normalised form is one UTF-16 unit and which never combine with a neighbour: a stretch of
// them normalises in place, so offsets need no map. That covers English, most European Latin, typographic
// punctuation and Japanese, Chinese and Korean as articles write them; anything else takes the slower,
// mapped path. A unit test checks every character of the class.
const STABLE_CLASS =
  '\\0-\\x7f\\xa0-\\xa7\\xa9\\xab\\xac\\xae\\xb0\\xb1\\xb6\\xb7\\xbb\\xbf\\xc0-\\xc5\\xc7-\\xd6\\xd8-\\xdd\\xe0-\\xe5\\xe7-\\xf6\\xf8-\\xfd\\xff' +
  '\\u2010-\\u2016\\u2018-\\u2023\\u2030\\u2032\\u203b\\u2190-\\u2193\\u25a0-\\u25ff\\u3000-\\u3029\\u3030-\\u303f\\u3041-\\u3096\\u30a1-\\u30fe' +
  '\\u4e00-\\u9fff\\uac00-\\ud7a3\\uff01-\\uff5e';
export const STABLE_CHAR = new RegExp(`[${STABLE_CLASS}]`);
const STABLE_TEXT = new RegExp(`^[${STABLE_CLASS}]*$`);
const UNSTABLE_CHAR = new RegExp(`[^${STABLE_CLASS}]`, 'g');
// Where normaliseText puts a space; no token spans one, so text can be normalised a piece at a time between them.
const SEPARATOR = /[\p{Cc}\p{Z}]/u;
const NEXT_SEPARATOR = /[\p{Cc}\p{Z}]/gu;
// One character with what NFKC may fold into it (accents, the half-width voicing marks ﾞ ﾟ, format characters),
// or a stretch of stable characters that nothing follows to fold into its last one.
const NORMALISING_PART = new RegExp(
  `[${STABLE_CLASS}]+(?![\\p{M}\\p{Cf}\\uff9e\\uff9f])|[^][\\p{M}\\p{Cf}\\uff9e\\uff9f]*`,
  'gu',
);

// The same character classes and word rules as search-text.ts.
const CJK_CHAR = /(?=[\p{L}\p{N}])[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u;
const CJK_RUNS = new RegExp(`(?:${CJK_CHAR.source})+`, 'gu');
const ASCII_TEXT = /^[\0-\x7f]*$/;
const NON_ASCII = /[^\0-\x7f]/g;
const ASCII_WORDS = /[a-z0-9]+(?:'[a-z0-9]+)*/g;
const ASCII_WORD = /^[a-z]+$/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LETTER_OR_DIGIT_BEFORE = /[\p{L}\p{N}]$/u;
const LETTER_OR_DIGIT_AFTER = /^[\p{L}\p{N}]/u;
const TOKEN_CHARS = /[\p{L}\p{N}\p{M}]+/gu;
const LEADING_MARKS = /^\p{M}*/u;

/** Spans being collected, with the stems already worked out in this text (a body repeats its words). */
interface Collector extends TokenSpans {
  stems: Map<string, string>;
}

/** Normalised text; `from[i]`/`to[i]` give the original characters behind unit i (absent: the same offset). */
interface MappedText {
  text: string;
  from?: number[];
  to?: number[];
}

/** The tokens of `text`, the same as indexTokens(text), each with its place in `text`. */
export function tokenSpans(text: string): TokenSpans {
  const mapped = mapNormalised(text);
  const spans: Collector = { tokens: [], starts: [], ends: [], stems: new Map() };
  tokeniseNormalised(mapped.text, spans);
  const { tokens, starts, ends } = spans;
  if (!mapped.from || !mapped.to) return { tokens, starts, ends };
  const { from, to } = mapped;
  return { tokens, starts: starts.map((start) => from[start]!), ends: ends.map((end) => to[end - 1]!) };
}

function mapNormalised(text: string): MappedText {
  if (STABLE_TEXT.test(text)) {
    const normalised = normaliseText(text);
    if (normalised.length === text.length) return { text: normalised };
  }
  const out: Required<MappedText> = { text: '', from: [], to: [] };
  const parts: string[] = [];
  // A body repeats its words, and working a piece out costs a few normalisations.
  const pieces = new Map<string, MappedText>();
  const partCache = new Map<string, string>();
  let done = 0;
  UNSTABLE_CHAR.lastIndex = 0;
  for (let hit = UNSTABLE_CHAR.exec(text); hit; hit = UNSTABLE_CHAR.exec(text)) {
    const pieceStart = pieceStartBefore(text, hit.index, done);
    const pieceEnd = pieceEndAfter(text, hit.index);
    appendMapped(parts, out, normaliseInPlace(text.slice(done, pieceStart)), done);
    const piece = text.slice(pieceStart, pieceEnd);
    let mapped = pieces.get(piece);
    if (!mapped) {
      mapped = normalisePiece(piece, partCache);
      pieces.set(piece, mapped);
    }
    appendMapped(parts, out, mapped, pieceStart);
    done = pieceEnd;
    UNSTABLE_CHAR.lastIndex = pieceEnd;
  }
  appendMapped(parts, out, normaliseInPlace(text.slice(done)), done);
  out.text = parts.join('');
  return out;
}

function pieceStartBefore(text: string, index: number, floor: number): number {
  let start = index;
  while (start > floor && !SEPARATOR.test(text[start - 1]!)) start--;
  return start;
}

function pieceEndAfter(text: string, index: number): number {
  if (SEPARATOR.test(text[index]!)) return index + 1;
  NEXT_SEPARATOR.lastIndex = index;
  return NEXT_SEPARATOR.exec(text)?.index ?? text.length;
}

function normaliseInPlace(stretch: string): MappedText {
  const normalised = normaliseText(stretch);
  return normalised.length === stretch.length ? { text: normalised } : normalisePiece(stretch, new Map());
}

/** A piece between separators, normalised part by part so that each normalised unit knows its source. */
function normalisePiece(piece: string, partCache: Map<string, string>): MappedText {
  const out: Required<MappedText> = { text: '', from: [], to: [] };
  const parts: string[] = [];
  for (const match of piece.matchAll(NORMALISING_PART)) {
    const [part] = match;
    let normalised = partCache.get(part);
    if (normalised === undefined) {
      normalised = normaliseText(part);
      // Only single characters with their marks repeat; a stable stretch seldom does.
      if (part.length <= 4) partCache.set(part, normalised);
    }
    parts.push(normalised);
    const stable = normalised.length === part.length && STABLE_CHAR.test(part[0]!);
    for (let i = 0; i < normalised.length; i++) {
      out.from.push(stable ? match.index + i : match.index);
      out.to.push(stable ? match.index + i + 1 : match.index + part.length);
    }
  }
  out.text = parts.join('');
  // NFKC joins a few pairs that are not a character and its marks (Hangul jamo, some Indic vowels); there the
  // parts do not add up to the whole, and every token of the piece is placed on the whole piece.
  const whole = normaliseText(piece);
  if (out.text === whole) return out;
  return { text: whole, from: Array(whole.length).fill(0), to: Array(whole.length).fill(piece.length) };
}

function appendMapped(parts: string[], out: Required<MappedText>, piece: MappedText, offset: number): void {
  parts.push(piece.text);
  for (let i = 0; i < piece.text.length; i++) {
    out.from.push(offset + (piece.from ? piece.from[i]! : i));
    out.to.push(offset + (piece.to ? piece.to[i]! : i + 1));
  }
}

function tokeniseNormalised(text: string, spans: Collector): void {
  let last = 0;
  for (const run of text.matchAll(CJK_RUNS)) {
    wordSpans(text, last, run.index, spans);
    bigramSpans(run[0], run.index, spans);
    last = run.index + run[0].length;
  }
  wordSpans(text, last, text.length, spans);
}

function push(spans: TokenSpans, token: string, start: number, end: number): void {
  spans.tokens.push(token);
  spans.starts.push(start);
  spans.ends.push(end);
}

function bigramSpans(run: string, offset: number, spans: Collector): void {
  const chars = [...run];
  if (chars.length === 1) {
    push(spans, run, offset, offset + run.length);
    return;
  }
  let start = offset;
  for (let i = 0; i + 1 < chars.length; i++) {
    const first = chars[i]!;
    const pair = first + chars[i + 1]!;
    push(spans, pair, start, start + pair.length);
    start += first.length;
  }
}

function wordSpans(text: string, from: number, to: number, spans: Collector): void {
  const stretch = text.slice(from, to);
  // Punctuation between two Japanese runs (、。「」) has no word in it, and the segmenter costs microseconds a call.
  if (!LETTER_OR_DIGIT.test(stretch)) return;
  if (ASCII_TEXT.test(stretch)) {
    asciiWordSpans(stretch, from, spans);
    return;
  }
  // Only the space-separated pieces holding a non-ASCII character need the segmenter; the rest take the ASCII
  // rule, which gives the same words (search-text.ts pins the two together) three times faster.
  let done = 0;
  NON_ASCII.lastIndex = 0;
  for (let hit = NON_ASCII.exec(stretch); hit; hit = NON_ASCII.exec(stretch)) {
    const start = stretch.lastIndexOf(' ', hit.index) + 1;
    const space = stretch.indexOf(' ', hit.index);
    const end = space === -1 ? stretch.length : space;
    asciiWordSpans(stretch.slice(done, start), from + done, spans);
    segmentedWordSpans(stretch.slice(start, end), from + start, spans);
    done = end;
    NON_ASCII.lastIndex = end;
  }
  asciiWordSpans(stretch.slice(done), from + done, spans);
}

function asciiWordSpans(text: string, offset: number, spans: Collector): void {
  for (const match of text.matchAll(ASCII_WORDS)) {
    const token = toToken(match[0].replaceAll("'", ''), spans.stems);
    push(spans, token, offset + match.index, offset + match.index + match[0].length);
  }
}

function segmentedWordSpans(text: string, offset: number, spans: Collector): void {
  // An apostrophe inside a word joins it; `kept` maps the joined text back to `text`.
  const kept: number[] = [];
  const chars: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (isInnerApostrophe(text, i)) continue;
    kept.push(i);
    chars.push(text[i]!);
  }
  kept.push(text.length);
  for (const { segment, index, isWordLike } of wordSegmenter().segment(chars.join(''))) {
    if (!isWordLike) continue;
    for (const part of segment.matchAll(TOKEN_CHARS)) {
      const marks = LEADING_MARKS.exec(part[0])![0].length;
      if (marks === part[0].length) continue;
      const start = index + part.index + marks;
      const end = index + part.index + part[0].length;
      push(spans, toToken(part[0].slice(marks), spans.stems), offset + kept[start]!, offset + kept[end - 1]! + 1);
    }
  }
}

function isInnerApostrophe(text: string, i: number): boolean {
  const char = text[i];
  if (char !== "'" && char !== '’') return false;
  // Two units each side, so that a letter outside the Basic Multilingual Plane counts.
  return (
    LETTER_OR_DIGIT_BEFORE.test(text.slice(Math.max(0, i - 2), i)) &&
    LETTER_OR_DIGIT_AFTER.test(text.slice(i + 1, i + 3))
  );
}

function toToken(word: string, stems: Map<string, string>): string {
  const stemmed = ASCII_WORD.test(word) ? stemOf(word, stems) : word;
  const chars = [...stemmed];
  return chars.length > MAX_TOKEN_CHARS ? chars.slice(0, MAX_TOKEN_CHARS).join('') : stemmed;
}

function stemOf(word: string, stems: Map<string, string>): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = stemmer(word);
    stems.set(word, stem);
  }
  return stem;
}
