/**
 * The snippet under a search result (issue 15): a window of an article's text around where the query matched,
 * with the matched words in <mark>, as HTML whose only markup is <mark>.
 *
 * Matching agrees with the index: the text is tokenised exactly as it was indexed (search-token-spans.ts), a
 * word is marked when its token is a query token (so `refuel` marks "Refueling", 防衛 marks 防衛 inside 防衛省
 * and ﾐｻｲﾙ marks ミサイル), and a phrase is marked only where its tokens stand together. The window is the
 * stretch of maxChars holding the most distinct query terms, cut at word boundaries with "…" where cut.
 * The text is shown as written, not normalised. Pure: no database.
 */
import type { ParsedQuery } from './search-text.js';
import { tokenSpans } from './search-token-spans.js';

/** One place the query matched: original-text offsets, and which of the query's terms it was. */
interface Match {
  start: number;
  end: number;
  term: number;
}

const ELLIPSIS = '…';
// Letters, digits and marks of a word, and the apostrophe inside one: no cut falls between two of these
// (except between two Chinese, Japanese or Korean characters, whose text has no spaces to cut at).
const WORD_CHAR = /^[\p{L}\p{N}\p{M}'’]/u;
const CJK_CHAR = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u;
const SPACE = /^[\p{Z}\p{Cc}]/u;
const NOT_SPACE = /[^\p{Z}\p{Cc}]/u;
// What the HTML must not carry as written: the five characters that escape, controls other than tab and line
// breaks (a parse error in HTML), and a lone surrogate (which no encoding can write).
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- the controls are what this finds
  /[&<>"'\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** The snippet of `text` for `query` as HTML; see the file comment. With no match, the text's first maxChars. */
export function searchSnippet(text: string, query: ParsedQuery, maxChars = 240): string {
  const limit = Math.max(1, Math.floor(maxChars));
  const matches = matchesOf(text, query);
  const best = bestWindow(matches, limit);
  const [start, end] = best ? windowAround(text, best, limit) : [0, cutEnd(text, Math.min(text.length, limit), 0)];
  const marks = mergedRanges(matches, start, end);
  const before = NOT_SPACE.test(text.slice(0, start)) ? ELLIPSIS : '';
  const after = NOT_SPACE.test(text.slice(end)) ? ELLIPSIS : '';
  return `${before}${markedHtml(text, start, end, marks)}${after}`;
}

/** Every place a query term matches, ordered by where it starts. */
function matchesOf(text: string, query: ParsedQuery): Match[] {
  if (query.terms.length === 0) return [];
  const { tokens, starts, ends } = tokenSpans(text);
  const wanted = new Set(query.terms.flatMap((term) => (term.kind === 'token' ? [term.token] : term.tokens)));
  const positions = new Map<string, number[]>();
  tokens.forEach((token, i) => {
    if (!wanted.has(token)) return;
    const list = positions.get(token);
    if (list) list.push(i);
    else positions.set(token, [i]);
  });

  const matches: Match[] = [];
  query.terms.forEach((term, index) => {
    const sequence = term.kind === 'token' ? [term.token] : term.tokens;
    for (const first of positions.get(sequence[0]!) ?? []) {
      if (!sequence.every((token, offset) => tokens[first + offset] === token)) continue;
      matches.push({ start: starts[first]!, end: ends[first + sequence.length - 1]!, term: index });
    }
  });
  return matches.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The run of matches fitting in `limit` characters with the most distinct terms (then the most matches), earliest first. */
function bestWindow(matches: Match[], limit: number): { start: number; end: number } | null {
  if (matches.length === 0) return null;
  const counts = new Map<number, number>();
  let best = { distinct: 0, count: 0, start: 0, end: 0 };
  let right = 0;
  for (let left = 0; left < matches.length; left++) {
    const from = matches[left]!.start;
    if (right <= left) right = left;
    // The first match always counts, even one longer than the limit.
    while (right < matches.length && (right === left || matches[right]!.end - from <= limit)) {
      const term = matches[right]!.term;
      counts.set(term, (counts.get(term) ?? 0) + 1);
      right++;
    }
    const count = right - left;
    if (counts.size > best.distinct || (counts.size === best.distinct && count > best.count)) {
      const end = Math.max(...matches.slice(left, right).map((match) => match.end));
      best = { distinct: counts.size, count, start: from, end };
    }
    const leaving = matches[left]!.term;
    const remaining = counts.get(leaving)! - 1;
    if (remaining === 0) counts.delete(leaving);
    else counts.set(leaving, remaining);
  }
  return best;
}

/** The window of about `limit` characters around the matched stretch, with some text before it, cut at word boundaries. */
function windowAround(text: string, matched: { start: number; end: number }, limit: number): [number, number] {
  const room = Math.max(0, limit - (matched.end - matched.start));
  // A third of the spare room goes before the match: enough to read into it, while the match stays near the start.
  let start = Math.max(0, matched.start - Math.floor(room / 3));
  const end = Math.min(text.length, start + Math.max(limit, matched.end - matched.start));
  start = Math.max(0, Math.min(start, end - limit));
  return [cutStart(text, start, matched.start), cutEnd(text, end, matched.end)];
}

/** The first cut at or after `from` (no later than `latest`), past any spaces. */
function cutStart(text: string, from: number, latest: number): number {
  let start = from;
  while (start < latest && !isCut(text, start)) start++;
  while (start < latest && SPACE.test(text.slice(start, start + 1))) start++;
  return start;
}

/** The last cut at or before `from` (no earlier than `earliest`), before any spaces. */
function cutEnd(text: string, from: number, earliest: number): number {
  let end = from;
  while (end > earliest && !isCut(text, end)) end--;
  while (end > earliest && SPACE.test(text.slice(end - 1, end))) end--;
  if (end > earliest || earliest > 0) return end;
  // One word longer than the whole window: cut inside it, but not inside a character.
  return isInsidePair(text, from) ? from - 1 : from;
}

/** True when a snippet may start or end at `index` without cutting a word (or a character) in two. */
function isCut(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return true;
  if (isInsidePair(text, index)) return false;
  const before = String.fromCodePoint(text.codePointAt(index - (isLowSurrogateAt(text, index - 1) ? 2 : 1))!);
  const after = String.fromCodePoint(text.codePointAt(index)!);
  if (/^\p{M}/u.test(after)) return false;
  if (!WORD_CHAR.test(before) || !WORD_CHAR.test(after)) return true;
  return CJK_CHAR.test(before) && CJK_CHAR.test(after);
}

function isInsidePair(text: string, index: number): boolean {
  return isLowSurrogateAt(text, index) && /[\ud800-\udbff]/.test(text[index - 1] ?? '');
}

function isLowSurrogateAt(text: string, index: number): boolean {
  return /[\udc00-\udfff]/.test(text[index] ?? '');
}

/** The matched stretches inside [start, end), clipped to it, joined where they overlap or touch, in order. */
function mergedRanges(matches: Match[], start: number, end: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (const match of matches) {
    const from = Math.max(match.start, start);
    const to = Math.min(match.end, end);
    if (from >= to) continue;
    const last = ranges.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else ranges.push([from, to]);
  }
  return ranges;
}

function markedHtml(text: string, start: number, end: number, marks: [number, number][]): string {
  const html: string[] = [];
  let done = start;
  for (const [from, to] of marks) {
    html.push(escapeHtml(text.slice(done, from)), '<mark>', escapeHtml(text.slice(from, to)), '</mark>');
    done = to;
  }
  html.push(escapeHtml(text.slice(done, end)));
  return html.join('');
}

function escapeHtml(text: string): string {
  return text.replace(UNSAFE, (char) => ESCAPES[char] ?? (char.length === 1 && char < '\ud800' ? ' ' : '\ufffd'));
}
