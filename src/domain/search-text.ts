/**
 * The words of full-text search (issue 15, record 0017): the tokens a document field is indexed as, and a
 * reader's query as the same tokens. The application tokenises; SQLite FTS5 and PostgreSQL only match the
 * token strings they are given, so both backends see exactly the same tokens and give the same results.
 *
 * - Text is normalised first: NFKC (full-width ＡＢＣ１２３ and half-width ｶﾀｶﾅ become ABC123 and カタカナ),
 *   lower case, accents folded on Latin letters, control characters gone.
 * - Chinese, Japanese and Korean runs (which have no spaces) become overlapping character bigrams, so any
 *   two characters of a run are findable and a longer query is its bigrams in order (a phrase).
 * - Everything else is split into words by Intl.Segmenter; English words are Porter-stemmed.
 *
 * Every token is in the token alphabet (isSearchToken): letters, digits and combining marks, no ASCII
 * outside a-z and 0-9, no space or quote of any kind, at most MAX_TOKEN_CHARS characters. So a token can be
 * stored space-separated and put inside double quotes (FTS5) or single quotes (tsquery) as it is.
 * Pure: no database.
 */
import { stemmer } from 'stemmer';
import { wordSegmenter } from './word-segmenter.js';

/** A reader's query term: one token, or tokens that must appear next to each other in this order. */
export type QueryTerm = { kind: 'token'; token: string } | { kind: 'phrase'; tokens: string[] };

export interface ParsedQuery {
  terms: QueryTerm[];
  /** True when the query was longer than MAX_QUERY_CHARS or held more than MAX_QUERY_TERMS terms. */
  cut: boolean;
}

/** Characters of the normalised query that are read; the rest is cut (and the caller says so). */
export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_TERMS = 20;
/** A longer word (a pasted hash, a run of one letter) is kept as its first characters on both sides. */
export const MAX_TOKEN_CHARS = 64;

// Letters, digits and marks of any script, starting with a letter or digit; ASCII only as a-z and 0-9
// (the lookahead), which rules out spaces, quotes, backslashes, *, %, _, :, ^, parentheses and the rest.
const TOKEN = /^(?![^]*[\0-/:-`{-\x7f])[\p{L}\p{N}][\p{L}\p{N}\p{M}]*$/u;
// A character of a Chinese, Japanese or Korean run. Script_Extensions takes in ー (the long vowel mark) and
// 々, which belong to no single script; the letter-or-digit lookahead leaves out 、。「」, which also do.
const CJK_CHAR = /(?=[\p{L}\p{N}])[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u;
const CJK_RUNS = new RegExp(`(?:${CJK_CHAR.source})+`, 'gu');
const NOT_TOKEN_CHAR = /[^\p{L}\p{N}\p{M}]+/u;
const ASCII_WORD = /^[a-z]+$/;
const ASCII_TEXT = /^[\0-\x7f]*$/;
// Normalised text is lower case, so letters and digits of ASCII are these.
const ASCII_RUNS = /[a-z0-9]+/g;
// An apostrophe inside a word joins it ("don't" → "dont", "nation's" → "nations" → "nation") instead of
// leaving a stray "t" or "s" token.
const INNER_APOSTROPHES = /(?<=[\p{L}\p{N}])['’](?=[\p{L}\p{N}])/gu;
// Letters that NFD does not take apart into a base letter and an accent.
const LATIN_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};
const LATIN_FOLDABLE = new RegExp(`[${Object.keys(LATIN_FOLDS).join('')}]`, 'gu');
// Double quotes as typed: ASCII (full-width ＂ is ASCII after NFKC) and the curly pair a phone keyboard gives.
const QUOTES = /["“”„]/u;
// A query is read no further than this many UTF-16 units before normalising, so that a 10,000-character (or
// 10 MB) query costs no more than a short one; NFKC can lengthen text (㍿ is four characters), hence the margin.
const RAW_QUERY_READ = MAX_QUERY_CHARS * 5;

/** NFKC, lower case, accents off Latin letters, control characters turned into spaces, format characters dropped. */
export function normaliseText(text: string): string {
  const plain = text
    .replace(/[\p{Cc}\p{Cs}\p{Zl}\p{Zp}]/gu, ' ') // a line break still separates words
    .replace(/\p{Cf}/gu, '') // a soft hyphen or zero-width joiner inside a word leaves the word whole
    .normalize('NFKC')
    .toLowerCase();
  return foldLatinAccents(plain);
}

/** The tokens of a document field, in order; see the file comment. */
export function indexTokens(text: string): string[] {
  return tokensOfNormalised(normaliseText(text));
}

/** True for a string in the token alphabet. */
export function isSearchToken(value: string): boolean {
  return TOKEN.test(value) && [...value].length <= MAX_TOKEN_CHARS;
}

/**
 * A reader's query as data: text in double quotes is a phrase; outside quotes each space-separated piece
 * is one token, or a phrase when it makes several (弾道ミサイル, "well-known", "3.5"). Operators of FTS5 or
 * tsquery (OR, NEAR(, -, *, :, ^, parentheses) are just punctuation here and never reach a database as syntax.
 * An unclosed quote runs to the end of the query. Repeated terms are kept once.
 */
export function parseQuery(query: string): ParsedQuery {
  // A surrogate pair split at RAW_QUERY_READ becomes a space; the text there is cut in any case.
  const normalised = [...normaliseText(query.slice(0, RAW_QUERY_READ))];
  let cut = query.length > RAW_QUERY_READ || normalised.length > MAX_QUERY_CHARS;
  const pieces = splitQuery(keptQuery(normalised, cut));

  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const piece of pieces) {
    const term = termOf(tokensOfNormalised(piece));
    if (term === null) continue;
    const key = term.kind === 'token' ? term.token : term.tokens.join(' ');
    if (seen.has(key)) continue;
    if (terms.length === MAX_QUERY_TERMS) {
      cut = true;
      break;
    }
    seen.add(key);
    terms.push(term);
  }
  return { terms, cut };
}

/**
 * The first MAX_QUERY_CHARS characters of a normalised query. A cut inside a word drops that word: its first
 * letters ("lighth") would be a term of their own that no article holds, and the whole search would find nothing.
 * A cut inside a Chinese, Japanese or Korean run keeps it: the bigrams of its first characters are found
 * wherever the whole run is.
 */
function keptQuery(chars: string[], cut: boolean): string {
  const kept = chars.slice(0, MAX_QUERY_CHARS).join('');
  const next = chars[MAX_QUERY_CHARS] ?? ' ';
  if (!cut || /\s/u.test(next) || (CJK_CHAR.test(next) && CJK_CHAR.test(chars[MAX_QUERY_CHARS - 1] ?? ''))) return kept;
  const lastSpace = kept.search(/\s\S*$/u);
  // A word kept to MAX_TOKEN_CHARS or more gives the same token as the whole word, which is cut there too.
  if ([...kept.slice(lastSpace + 1)].length >= MAX_TOKEN_CHARS) return kept;
  return lastSpace > 0 ? kept.slice(0, lastSpace) : kept;
}

function foldLatinAccents(text: string): string {
  // Only marks on a Latin letter go: in Japanese a dakuten is a mark too (が is か plus ゛ in NFD), and
  // dropping it would make がん (cancer) and かん the same word.
  return text
    .normalize('NFD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .replace(LATIN_FOLDABLE, (letter) => LATIN_FOLDS[letter] ?? letter);
}

function tokensOfNormalised(text: string): string[] {
  const tokens: string[] = [];
  let last = 0;
  for (const run of text.matchAll(CJK_RUNS)) {
    tokens.push(...wordTokens(text.slice(last, run.index)), ...bigrams(run[0]));
    last = run.index + run[0].length;
  }
  tokens.push(...wordTokens(text.slice(last)));
  return tokens;
}

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  return chars.slice(1).map((char, i) => `${chars[i]}${char}`);
}

function wordTokens(text: string): string[] {
  // Most of an English archive is ASCII once accents are folded; there the segmenter's words, split at
  // punctuation, are exactly the runs of letters and digits, found three times faster (a 3 KB body: 1.0 → 0.3 ms).
  if (ASCII_TEXT.test(text)) return asciiWordTokens(text);
  return segmentedWordTokens(text);
}

/**
 * Tokens of words already seen: stemming was most of the time an import or a save spent indexing (profiled on the
 * WordPress import bench), and a newspaper's words repeat. The same answer as toToken, kept for at most
 * TOKEN_MEMO_LIMIT words, after which the memory starts again (a flood of distinct words cannot grow it).
 */
const tokenMemo = new Map<string, string>();
const TOKEN_MEMO_LIMIT = 50_000;

function asciiWordTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const [word] of text.replace(INNER_APOSTROPHES, '').matchAll(ASCII_RUNS)) {
    let token = tokenMemo.get(word);
    if (token === undefined) {
      token = toToken(word)!;
      if (tokenMemo.size >= TOKEN_MEMO_LIMIT) tokenMemo.clear();
      tokenMemo.set(word, token);
    }
    tokens.push(token);
  }
  return tokens;
}

/** The general path of word tokens, by Intl.Segmenter; exported for the test that pins the ASCII path to it. */
export function segmentedWordTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const { segment, isWordLike } of wordSegmenter().segment(text.replace(INNER_APOSTROPHES, ''))) {
    if (!isWordLike) continue;
    // The segmenter keeps "u.s", "3.5", "a_b" and "1,000" as single words; their parts become tokens in order.
    for (const part of segment.split(NOT_TOKEN_CHAR)) {
      const token = toToken(part);
      if (token !== null) tokens.push(token);
    }
  }
  return tokens;
}

function toToken(part: string): string | null {
  // A mark with nothing before it (a stray combining accent) is not a word.
  const word = part.replace(/^\p{M}+/u, '');
  if (word === '') return null;
  const stemmed = ASCII_WORD.test(word) ? stemmer(word) : word;
  const chars = [...stemmed];
  return chars.length > MAX_TOKEN_CHARS ? chars.slice(0, MAX_TOKEN_CHARS).join('') : stemmed;
}

/** The pieces of a query that each become one term: a quoted stretch, or a space-separated piece outside quotes. */
function splitQuery(query: string): string[] {
  // Quotes alternate: the parts at odd positions were inside a pair of them.
  return query
    .split(QUOTES)
    .flatMap((part, index) => (index % 2 === 1 ? [part] : part.split(/\s+/u).filter((piece) => piece !== '')));
}

function termOf(tokens: string[]): QueryTerm | null {
  const [first] = tokens;
  if (first === undefined) return null;
  // A quoted single word is the same search as the word alone.
  return tokens.length === 1 ? { kind: 'token', token: first } : { kind: 'phrase', tokens };
}
