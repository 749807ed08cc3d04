import type { Block } from '../src/domain/body.js';

/**
 * The search benchmark's archive (`npm run bench:search`, issue 15): English and Japanese newspaper copy made
 * from word lists written for it, seeded, so one (seed, size) is always the same archive. Pure: no database.
 *
 * Words are drawn with a Zipf-like law (weight 1 / (rank + 2.7)), as words are in real text: a few dozen
 * function words make up a large share and a few hundred topical words are each in a good part of the archive.
 * One word in ten is a name, drawn by the same law from tens of thousands of made-up ones, so the tail holds
 * words found in only a handful of articles. That spread is what makes "common word", "rare word" and "no hit"
 * queries cost what they cost against a real archive.
 *
 * Every article is made from its own generator (seed and index), so the query mix can regenerate any one of
 * them to draw a phrase or a rare word it is sure to find, without reading the database.
 */

/** Bumped whenever the text, dates or mix change: cached databases of another version are not reused. */
export const SEARCH_CORPUS_VERSION = 1;

const DAY_MS = 86_400_000;
/** Published dates spread over the ten years before the anchor. */
export const CORPUS_SPAN_MS = 3652 * DAY_MS;
const JAPANESE_SHARE = 0.2;
/** Share of words that are names (English) or made-up place and katakana names (Japanese). */
const EN_NAME_SHARE = 0.1;
const JA_NAME_SHARE = 0.15;
const DRAFT_SHARE = 0.03;
const SCHEDULED_SHARE = 0.01;

export type Rand = () => number;

/** mulberry32: small, fast and seeded. */
export const prng =
  (seed: number): Rand =>
  () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

/** A seed of its own for each (seed, index), so neighbouring articles do not share a stream. */
const mix = (seed: number, index: number): number => {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
};

export const int = (r: Rand, min: number, max: number): number => min + Math.floor(r() * (max - min + 1));
export const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

/** Draws ranks 0…n−1 with weight 1 / (rank + 2.7): one cumulative table, searched by halves. */
export class ZipfSampler<T> {
  private readonly cumulative: Float64Array;
  constructor(readonly items: readonly T[]) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    for (let i = 0; i < items.length; i++) this.cumulative[i] = sum += 1 / (i + 2.7);
  }
  draw(r: Rand): T {
    const target = r() * this.cumulative[this.cumulative.length - 1]!;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return this.items[low]!;
  }
}

const split = (text: string): string[] => text.trim().split(/\s+/);

// English, most frequent first: the glue of any sentence, then topical words, then the made-up names.
const EN_FUNCTION = split(`
  the of and to a in that on for was with said by at from as is its their after were has have had will
  would which an who be over into about this more than not but been also could up under before new last
  while when during against between some all most one two three`);

const FUNCTION_WORDS = new Set(EN_FUNCTION);
/** True for the glue words (the, of, and…): a phrase of nothing but these is not one a reader would quote. */
export const isFunctionWord = (word: string): boolean => FUNCTION_WORDS.has(word.toLowerCase());

/** Topical words in rough order of how often a local and national paper uses them. */
export const EN_TOPICAL = split(`
  city council government minister police year week officials residents report plan budget company people
  prefecture school court election market prices workers public local national party vote station hospital
  rail line project water power energy support survey data million percent team season match spring summer
  autumn winter morning evening river harbour bridge road traffic airport flights visitors tourism hotel shops
  district mayor governor assembly committee candidate research university scientists solar wind grid plant
  judge ruling appeal case doctors patients clinic care elderly children housing rent land construction delay
  cost union wage talks agreement coach league final crowd stadium festival museum exhibition artist film book
  rice fish farmers weather storm typhoon rain heat earthquake tsunami evacuation shelter volunteers recovery
  ministry cabinet parliament lawmakers bill reform tax pension insurance inflation exports imports trade yen
  factory jobs unemployment startup investment bank loans debt shares index investors profit revenue forecast
  quarter growth recession subsidy fares commuters trains buses ferry port shipping cargo fisheries harvest
  drought flood landslide warning forecasters climate emissions carbon battery vehicles semiconductor chips
  robots software network internet smartphone privacy security defence missile troops alliance embassy summit
  treaty sanctions refugees migrants border ceremony anniversary memorial shrine temple castle garden park
  library theatre concert orchestra novel author prize award champion tournament marathon baseball football
  sumo tennis swimming athletes record injury transfer contract referee goal pitcher inning victory defeat
  teachers students exams curriculum nursery daycare parents graduates scholarship campus laboratory vaccine
  virus infection outbreak surgery nurses ambulance emergency firefighters blaze arson theft fraud suspect
  arrest trial verdict sentence prosecutors lawyers witness testimony inquiry audit scandal resignation
  apology protest petition referendum turnout ballot coalition opposition majority minority speech interview
  statement announcement decision approval proposal review deadline schedule opening closure renovation
  expansion merger acquisition bankruptcy layoffs shortage surplus demand supply consumers retailers
  supermarket restaurant cafe bakery brewery vineyard orchard forest mountain island coast lake valley
  village town suburb neighbourhood apartment tower skyscraper tunnel highway expressway bicycle pedestrians
  accident collision derailment delays cancellation strike walkout negotiations mediator settlement
  compensation lawsuit regulator license permit inspection safety standards guidelines measures
  quietly sharply slowly early late again still already nearly largely mostly openly briefly recently`);

// Syllables of made-up surnames, places and firms (Velbramo, Kasendor…). None ends in a suffix the stemmer
// trims (-s, -e, -y, -er, -al), so nearly every name is a token of its own.
const EN_SYLLABLES = split(`
  ka to ri ma sen dor vel lin bra mo quin tav hol bek nik sa ru fen gav ost
  an bel cor dan el fir gor hak ir jor kel lor mar nor or pav rin sol tor ul`);
// Never used in the text: a query made of them finds nothing.
const ABSENT_SYLLABLES = split('zyx quo vrek jund plox wizz');

const EN_GIVEN = split(`
  Aoife Bruno Camila Dmitri Elena Farid Greta Hugo Ingrid Jonas Kiri Leila Marco Nadia Oskar Priya`);
const EN_FAMILY = split(`
  Abernathy Bellweather Castellan Drummond Ellery Fairbrook Galloway Hartigan Iverson Jessop Kilbride Lowther`);

// Japanese nouns, most frequent first: two-character words (防衛, 国会…) lead, longer compounds follow.
export const JA_SHORT = split(`
  政府 首相 国会 予算 選挙 防衛 地震 台風 経済 物価 知事 議会 法案 警察 裁判 判決 大学 研究 電力 医療
  教育 鉄道 空港 観光 漁業 農業 住宅 賃金 企業 市場 株価 円安 輸出 輸入 関税 外交 会談 首脳 同盟 野党
  与党 候補 投票 世論 調査 税制 年金 保険 病院 患者 学校 児童 保育 高齢 介護 避難 被害 復旧 支援 住民
  地域 自治 財政 人口 雇用 春闘 消費 景気 金利 銀行 投資 規制 環境 猛暑 排出 原発 石炭 太陽 風力 港湾
  物流 交通 道路 渋滞 事故 火災 容疑 逮捕 起訴 証言 捜査 審議 採決 改正 条例 祭り 美術 展示 映画 演劇
  野球 相撲 優勝 監督 選手 試合 記録 大会 宇宙 衛星 探査 感染 医師 看護`);
export const JA_LONG = split(`
  弾道ミサイル 地方自治体 再生可能エネルギー 少子高齢化 補正予算案 記者会見 衆議院選挙 防衛装備品
  半導体工場 訪日外国人 最低賃金 物価高騰 線状降水帯 南海トラフ 宇宙ステーション 自動運転 電気自動車
  人工知能 働き方改革 子育て支援 地域医療 公共交通 災害対策本部 国際会議 経済安全保障 脱炭素社会
  原子力規制委員会 新幹線 高速道路 待機児童 生成AI 気候変動 森林火災 海洋調査 観測ロケット
  国立競技場 夏の甲子園 日本銀行 金融政策 為替相場 株主総会 中小企業 人手不足 賃上げ交渉`);
const JA_PARTICLES = split('の の の は が を に で と も から へ');
const JA_ENDINGS = split(
  'した。 する。 している。 と発表した。 を明らかにした。 と述べた。 が決まった。 となる見通しだ。 を検討している。 に向けて動き出した。',
);
const JA_OPENERS = split('また、 一方、 さらに、 これに対し、 関係者によると、 同日、');
const KATAKANA = [
  ...'カキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロワガギグゲゴバビブベボパピプペポ',
];
const PLACE_KANJI = [...'東西南北山川森林田野原沢浜島岡谷宮崎松竹梅桜青白黒赤金銀石岩松本新古高大小中上下'];
const PLACE_SUFFIX = ['市', '町', '村'];

const JA_FAMILY = split('佐伯 高森 藤村 水野 岩瀬 長谷部 大河内 桐谷 早瀬 宮坂 白石 柏木');
const JA_GIVEN = split('陽菜 悠真 美咲 健太 彩花 翔 千尋 直樹');

export interface CorpusSection {
  slug: string;
  name: string;
  /** The Japanese edition's name and address for it (section_name). */
  jaName: string;
  jaSlug: string;
  /** Index of the parent in CORPUS_SECTIONS, or null for a top-level section. */
  parent: number | null;
}

/** Eight sections, five of them subsections: a section filter covers a section and its subsections. */
export const CORPUS_SECTIONS: readonly CorpusSection[] = [
  { slug: 'national', name: 'National', jaName: '国内', jaSlug: 'kokunai', parent: null },
  { slug: 'crime', name: 'Crime', jaName: '事件', jaSlug: 'jiken', parent: 0 },
  { slug: 'disasters', name: 'Disasters', jaName: '災害', jaSlug: 'saigai', parent: 0 },
  { slug: 'politics', name: 'Politics', jaName: '政治', jaSlug: 'seiji', parent: null },
  { slug: 'diplomacy', name: 'Diplomacy', jaName: '外交', jaSlug: 'gaiko', parent: 3 },
  { slug: 'elections', name: 'Elections', jaName: '選挙', jaSlug: 'senkyo', parent: 3 },
  { slug: 'business', name: 'Business', jaName: '経済', jaSlug: 'keizai', parent: null },
  { slug: 'markets', name: 'Markets', jaName: '市況', jaSlug: 'shikyo', parent: 6 },
  { slug: 'world', name: 'World', jaName: '国際', jaSlug: 'kokusai', parent: null },
  { slug: 'science', name: 'Science', jaName: '科学', jaSlug: 'kagaku', parent: null },
  { slug: 'sports', name: 'Sports', jaName: 'スポーツ', jaSlug: 'supotsu', parent: null },
  { slug: 'culture', name: 'Culture', jaName: '文化', jaSlug: 'bunka', parent: null },
  { slug: 'opinion', name: 'Opinion', jaName: 'オピニオン', jaSlug: 'iken', parent: null },
];

/** A top-level section and its subsections, as a reader's section filter asks for them. */
export const sectionFamily = (index: number): number[] => [
  index,
  ...CORPUS_SECTIONS.flatMap((s, i) => (s.parent === index ? [i] : [])),
];

export interface CorpusAuthor {
  slug: string;
  name: string;
  japanese: boolean;
}

const romanised = (index: number) => `ja-writer-${index + 1}`;
export const CORPUS_AUTHORS: readonly CorpusAuthor[] = [
  ...EN_FAMILY.flatMap((family, i) =>
    [0, 1].map((k) => {
      const given = EN_GIVEN[(i * 2 + k) % EN_GIVEN.length]!;
      return { slug: `${given}-${family}`.toLowerCase(), name: `${given} ${family}`, japanese: false };
    }),
  ),
  ...JA_FAMILY.map((family, i) => ({
    slug: romanised(i),
    name: `${family} ${JA_GIVEN[i % JA_GIVEN.length]!}`,
    japanese: true,
  })),
];

const EN_TAGS = EN_TOPICAL.slice(0, 80);
const JA_TAGS = JA_SHORT.slice(0, 50);

export type CorpusStatus = 'published' | 'draft' | 'scheduled';

export interface CorpusArticle {
  /** 0-based; articles are oldest first, so the database id is index + 1. */
  index: number;
  edition: 'en' | 'ja';
  /** Index into CORPUS_SECTIONS. */
  section: number;
  slug: string;
  headline: string;
  standfirst: string;
  body: Block[];
  /** Indexes into CORPUS_AUTHORS, in byline order. */
  authors: number[];
  tags: string[];
  status: CorpusStatus;
  /** Epoch ms; null for a draft. A scheduled article's lies after the anchor. */
  publishedAt: number | null;
  modifiedAt: number;
}

export interface CorpusPlan {
  seed: number;
  count: number;
  /** Epoch ms the ten years end at ("now" when the archive was made). */
  anchor: number;
}

/** The vocabulary and samplers of a corpus; building it takes a few milliseconds. */
export interface Corpus {
  /** An English word: a name now and then, else a function or topical word. */
  enWord(r: Rand): string;
  /** A Japanese noun: a made-up name now and then, else one of the word list's. */
  jaNoun(r: Rand): string;
  /** Rank of an English word: its place in the word list, or the list's length plus its rank among names. */
  readonly enRank: ReadonlyMap<string, number>;
  readonly enTags: ZipfSampler<string>;
  readonly jaTags: ZipfSampler<string>;
  readonly sections: ZipfSampler<number>;
  /** Made-up words no article contains. */
  absentWord(r: Rand): string;
}

export const createCorpus = (): Corpus => {
  const enCommon = uniqueInOrder([...EN_FUNCTION, ...EN_TOPICAL]);
  const enNames = uniqueInOrder([...enCommon, ...shuffled(englishNames(), prng(11))]).slice(enCommon.length);
  const jaCommon = uniqueInOrder([...JA_SHORT, ...JA_LONG]);
  const jaNames = uniqueInOrder([...jaCommon, ...shuffled(japaneseNames(), prng(12))]).slice(jaCommon.length);
  const enList = [...enCommon, ...enNames];
  const taken = new Set(enList.map((w) => w.toLowerCase()));
  const [enWords, enNameWords] = [new ZipfSampler(enCommon), new ZipfSampler(enNames)];
  const [jaWords, jaNameWords] = [new ZipfSampler(jaCommon), new ZipfSampler(jaNames)];
  return {
    enWord: (r) => (r() < EN_NAME_SHARE ? enNameWords : enWords).draw(r),
    jaNoun: (r) => (r() < JA_NAME_SHARE ? jaNameWords : jaWords).draw(r),
    enRank: new Map(enList.map((w, i) => [w, i])),
    enTags: new ZipfSampler(EN_TAGS),
    jaTags: new ZipfSampler(JA_TAGS),
    // Sections in order of how much they publish: the national and political desks most.
    sections: new ZipfSampler(CORPUS_SECTIONS.map((_, i) => i)),
    absentWord: (r) => {
      for (;;) {
        const word = Array.from({ length: 3 }, () => pick(r, ABSENT_SYLLABLES)).join('') + pick(r, EN_SYLLABLES);
        if (!taken.has(word)) return word;
      }
    },
  };
};

/** Article `index` of the plan: the same every time for the same plan. */
export const corpusArticle = (corpus: Corpus, plan: CorpusPlan, index: number): CorpusArticle => {
  const r = prng(mix(plan.seed, index));
  const edition = r() < JAPANESE_SHARE ? 'ja' : 'en';
  const roll = r();
  const status: CorpusStatus =
    roll < DRAFT_SHARE ? 'draft' : roll < DRAFT_SHARE + SCHEDULED_SHARE ? 'scheduled' : 'published';
  // Evenly spread, oldest first, with some jitter inside each article's slot.
  const slot = CORPUS_SPAN_MS / plan.count;
  const written = Math.floor(plan.anchor - CORPUS_SPAN_MS + index * slot + r() * slot * 0.9);
  const publishedAt =
    status === 'draft' ? null : status === 'scheduled' ? plan.anchor + int(r, 30, 400) * DAY_MS : written;
  const section = corpus.sections.draw(r);
  const authorPool = CORPUS_AUTHORS.flatMap((a, i) => (a.japanese === (edition === 'ja') ? [i] : []));
  const authors = [...new Set([pick(r, authorPool), ...(r() < 0.25 ? [pick(r, authorPool)] : [])])];
  const tagSampler = edition === 'ja' ? corpus.jaTags : corpus.enTags;
  const tags = [...new Set(Array.from({ length: int(r, 1, 4) }, () => tagSampler.draw(r)))];
  const text = edition === 'ja' ? japaneseArticle(corpus, r) : englishArticle(corpus, r);
  return {
    index,
    edition,
    section,
    slug: edition === 'ja' ? `kiji-${index + 1}` : slugOf(text.headline, index),
    ...text,
    authors,
    tags,
    status,
    publishedAt,
    modifiedAt: written,
  };
};

interface ArticleText {
  headline: string;
  standfirst: string;
  body: Block[];
}

function englishArticle(corpus: Corpus, r: Rand): ArticleText {
  const words = (n: number) => Array.from({ length: n }, () => corpus.enWord(r));
  const sentence = () => {
    const w = words(int(r, 8, 24));
    // A comma now and then, as copy has them; the tokeniser drops it.
    if (w.length > 12 && r() < 0.5) w[int(r, 4, w.length - 4)] += ',';
    return `${capitalise(w.join(' '))}.`;
  };
  const target = int(r, 300, 600);
  const body: Block[] = [];
  let count = 0;
  while (count < target) {
    const sentences = Array.from({ length: int(r, 2, 4) }, sentence);
    count += sentences.reduce((n, s) => n + s.split(' ').length, 0);
    body.push(paragraphOrOther(r, sentences.join(' '), () => capitalise(words(int(r, 3, 6)).join(' '))));
  }
  return { headline: capitalise(words(int(r, 6, 11)).join(' ')), standfirst: sentence(), body };
}

function japaneseArticle(corpus: Corpus, r: Rand): ArticleText {
  const phrase = (n: number) =>
    Array.from({ length: n }, (_, i) => `${corpus.jaNoun(r)}${i < n - 1 ? pick(r, JA_PARTICLES) : ''}`).join('');
  const sentence = () => `${r() < 0.2 ? pick(r, JA_OPENERS) : ''}${phrase(int(r, 3, 6))}${pick(r, JA_ENDINGS)}`;
  const target = int(r, 800, 1500);
  const body: Block[] = [];
  let count = 0;
  while (count < target) {
    const text = Array.from({ length: int(r, 2, 4) }, sentence).join('');
    count += [...text].length;
    body.push(paragraphOrOther(r, text, () => phrase(int(r, 2, 3))));
  }
  return { headline: `${phrase(2)}、${phrase(int(r, 2, 3))}`, standfirst: sentence(), body };
}

/** Mostly paragraphs; now and then a heading before one, or the text as a quote. */
function paragraphOrOther(r: Rand, text: string, heading: () => string): Block {
  const roll = r();
  if (roll < 0.06) return { type: 'heading', level: 2, content: [{ text: heading() }] };
  if (roll < 0.1) return { type: 'quote', content: [{ text }] };
  return { type: 'paragraph', content: [{ text }] };
}

function englishNames(): string[] {
  const names: string[] = [];
  for (const a of EN_SYLLABLES)
    for (const b of EN_SYLLABLES) {
      names.push(capitalise(`${a}${b}`));
      for (const c of EN_SYLLABLES) names.push(capitalise(`${a}${b}${c}`));
    }
  return names;
}

function japaneseNames(): string[] {
  const names: string[] = [];
  for (const a of PLACE_KANJI)
    for (const b of PLACE_KANJI) if (a !== b) names.push(`${a}${b}${PLACE_SUFFIX[names.length % 3]}`);
  for (const a of KATAKANA) for (const b of KATAKANA) for (const c of KATAKANA) names.push(`${a}${b}${c}ー`);
  return names;
}

/** A fixed shuffle: names of every shape land at every rank. */
function shuffled<T>(items: T[], r: Rand): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** First spelling wins, case aside: "Kato" made of syllables and a topical word of the same letters are one word. */
function uniqueInOrder(words: string[]): string[] {
  const seen = new Set<string>();
  return words.filter((w) => {
    const key = w.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const capitalise = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

const slugOf = (headline: string, index: number) =>
  `${headline
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .split('-')
    .filter(Boolean)
    .slice(0, 6)
    .join('-')}-${index + 1}`;
