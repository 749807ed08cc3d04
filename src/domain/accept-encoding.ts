/** The ways a kept answer can be sent: the codings the page cache prepares, or as it is. */
export type ContentCoding = 'br' | 'gzip' | 'identity';

// A coding named as a whole element of the list, in any case, with spaces around it (RFC 9110 §12.5.3).
const BR = /(?:^|,)[ \t]*br[ \t]*(?:,|$)/i;
const GZIP = /(?:^|,)[ \t]*(?:x-)?gzip[ \t]*(?:,|$)/i;
/** RFC 9110 §12.4.2's qvalue, with the spaces around `=` that some clients write. */
const WEIGHT = /^[ \t]*q[ \t]*=[ \t]*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)[ \t]*$/i;

/**
 * Which coding to send a client whose Accept-Encoding is `header`: Brotli or gzip at the higher weight, Brotli
 * when the weights are equal (its bodies are smaller), and as it is when the client takes neither or sent no
 * header. A client that refuses `identity` as well still gets it: every client can read an unencoded body, and a
 * 406 would help no one.
 *
 * Nearly every request comes from a browser, a crawler or a feed reader that lists codings without weights
 * ("gzip, deflate, br, zstd"): those are answered with two regular expression tests and allocate nothing. Only a
 * header with a weight or a `*` is split and read element by element.
 */
export function preferredEncoding(header: string | undefined): ContentCoding {
  if (header === undefined) return 'identity';
  if (!header.includes(';') && !header.includes('*')) {
    if (BR.test(header)) return 'br';
    return GZIP.test(header) ? 'gzip' : 'identity';
  }
  return byWeight(header);
}

function byWeight(header: string): ContentCoding {
  const weights = readWeights(header);
  const any = weights.get('*');
  const br = weights.get('br') ?? any ?? 0;
  const gzip = Math.max(weights.get('gzip') ?? -1, weights.get('x-gzip') ?? -1);
  const gz = gzip >= 0 ? gzip : (any ?? 0);
  if (br === 0 && gz === 0) return 'identity';
  return br >= gz ? 'br' : 'gzip';
}

/**
 * Each coding's weight, by lower-case name. An element whose weight is no qvalue ("q=high", "q=2") is left out,
 * as if not sent: reading it as 1 would send a coding the client may have meant to refuse.
 */
function readWeights(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const element of header.split(',')) {
    const [name = '', ...params] = element.split(';');
    const coding = name.trim().toLowerCase();
    if (coding === '') continue;
    const weight = weightOf(params);
    if (weight !== null) weights.set(coding, weight);
  }
  return weights;
}

function weightOf(params: string[]): number | null {
  if (params.length === 0) return 1;
  const q = WEIGHT.exec(params[0]!);
  return q ? Number(q[1]) : null;
}
