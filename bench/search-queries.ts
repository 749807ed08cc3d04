import {
  CORPUS_SECTIONS,
  CORPUS_SPAN_MS,
  EN_TOPICAL,
  JA_LONG,
  JA_SHORT,
  corpusArticle,
  int,
  isFunctionWord,
  pick,
  prng,
  sectionFamily,
  type Corpus,
  type CorpusArticle,
  type CorpusPlan,
  type Rand,
} from './search-corpus.js';

/** The reader's query mix of the search benchmark, drawn from the corpus's own vocabulary. Pure. */

export const QUERY_KINDS = [
  'common word',
  'rare word',
  'two words',
  'phrase',
  'ja 2 chars',
  'ja longer',
  'section filter',
  'date range',
  'sort=newest',
  'no hit',
  'page 5',
] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/** The kinds also run as a `LIKE '%word%'` scan, for the ratio. */
export const LIKE_KINDS: readonly QueryKind[] = ['common word', 'rare word', 'ja 2 chars'];

export interface BenchQuery {
  kind: QueryKind;
  /** What a reader types in the box. */
  q: string;
  edition: 'en' | 'ja';
  /** Corpus section indexes: a top-level section and its subsections. */
  sections?: number[];
  /** Epoch ms, UTC midnights: [from, to). */
  from?: number;
  to?: number;
  sort: 'relevance' | 'newest';
  /** 1-based, 20 results a page. */
  page: number;
}

const DAY_MS = 86_400_000;
/** Common words: the most used topical words (each is in a good share of the English archive). */
const COMMON = EN_TOPICAL.slice(0, 100);
/** Two-word queries: any two of the first few hundred topical words, most of which meet in some articles. */
const TWO_WORD_POOL = EN_TOPICAL.slice(0, 300);
/** A name is rare from this rank on: each is in a handful of articles at 100,000. */
const RARE_FROM_RANK = 5_000;
const TOP_LEVEL = CORPUS_SECTIONS.flatMap((s, i) => (s.parent === null ? [i] : []));

/**
 * `perKind` queries of every kind, shuffled together so no kind runs against a cache the same kind warmed. The
 * phrases and rare words come from live English articles regenerated from the plan, so each finds at least one.
 */
export const buildQueryMix = (corpus: Corpus, plan: CorpusPlan, perKind: number, seed = 1): BenchQuery[] => {
  const r = prng(seed);
  const en = (kind: QueryKind, q: string, extra: Partial<BenchQuery> = {}): BenchQuery => ({
    kind,
    q,
    edition: 'en',
    sort: 'relevance',
    page: 1,
    ...extra,
  });
  const ja = (kind: QueryKind, q: string): BenchQuery => ({ kind, q, edition: 'ja', sort: 'relevance', page: 1 });
  const times = <T>(f: () => T) => Array.from({ length: perKind }, f);
  const common = () => pick(r, COMMON);

  const queries: BenchQuery[] = [
    ...times(() => en('common word', common())),
    ...times(() => en('rare word', rareWord(corpus, plan, r))),
    ...times(() => en('two words', twoWords(r))),
    ...times(() => en('phrase', `"${phraseOf(liveEnglishArticle(corpus, plan, r), r)}"`)),
    ...times(() => ja('ja 2 chars', pick(r, JA_SHORT))),
    ...times(() => ja('ja longer', pick(r, JA_LONG))),
    ...times(() => en('section filter', common(), { sections: sectionFamily(pick(r, TOP_LEVEL)) })),
    ...times(() => en('date range', common(), yearWithin(plan, r))),
    ...times(() => en('sort=newest', common(), { sort: 'newest' })),
    ...times(() => en('no hit', corpus.absentWord(r))),
    ...times(() => en('page 5', common(), { page: 5 })),
  ];
  for (let i = queries.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [queries[i], queries[j]] = [queries[j]!, queries[i]!];
  }
  return queries;
};

function twoWords(r: Rand): string {
  const first = pick(r, TWO_WORD_POOL);
  let second = pick(r, TWO_WORD_POOL);
  while (second === first) second = pick(r, TWO_WORD_POOL);
  return `${first} ${second}`;
}

/** A published English article of the archive, found by regenerating random ones. */
function liveEnglishArticle(corpus: Corpus, plan: CorpusPlan, r: Rand): CorpusArticle {
  for (;;) {
    const article = corpusArticle(corpus, plan, int(r, 0, plan.count - 1));
    if (article.edition === 'en' && article.status === 'published') return article;
  }
}

/** The least frequent word of a live article's body, when it is rare enough; else another article's. */
function rareWord(corpus: Corpus, plan: CorpusPlan, r: Rand): string {
  for (;;) {
    const words = bodyWords(liveEnglishArticle(corpus, plan, r));
    let rarest = '';
    let rank = -1;
    for (const w of words) {
      const k = corpus.enRank.get(w) ?? -1;
      if (k > rank) [rarest, rank] = [w, k];
    }
    if (rank >= RARE_FROM_RANK) return rarest.toLowerCase();
  }
}

/**
 * Two or three words that stand next to each other in one of the article's sentences, at least one of them more
 * than a glue word: "at the border" or "council warning", as readers quote, never "of their by".
 */
function phraseOf(article: CorpusArticle, r: Rand): string {
  for (;;) {
    const block = pick(r, article.body);
    if (block.type !== 'paragraph' && block.type !== 'quote') continue;
    const sentences = block.content[0]!.text.split('. ');
    const words = pick(r, sentences)
      .split(' ')
      .map((w) => w.replace(/[.,]/g, ''));
    const n = int(r, 2, 3);
    if (words.length < n) continue;
    const at = int(r, 0, words.length - n);
    const phrase = words.slice(at, at + n);
    if (phrase.every(isFunctionWord)) continue;
    return phrase.join(' ').toLowerCase();
  }
}

function bodyWords(article: CorpusArticle): string[] {
  return article.body.flatMap((b) =>
    b.type === 'paragraph' || b.type === 'quote' ? b.content[0]!.text.replace(/[.,]/g, '').split(' ') : [],
  );
}

/** A year of the archive, from a UTC midnight: the date filter a reader sets. */
function yearWithin(plan: CorpusPlan, r: Rand): Pick<BenchQuery, 'from' | 'to'> {
  const first = Math.ceil((plan.anchor - CORPUS_SPAN_MS) / DAY_MS);
  const last = Math.floor(plan.anchor / DAY_MS) - 365;
  const from = int(r, first, last) * DAY_MS;
  return { from, to: from + 365 * DAY_MS };
}
