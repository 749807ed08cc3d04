/**
 * What is kept beside an article's rendered pieces (services/article-render and the `article_render` table): enough
 * to answer the page without reading the article again. The pieces hold everything the page shows that only the
 * article, its bylines, tags, corrections and translations decide; this says where the page lives and what its
 * holes (views/reader/ArticleDynamic.tsx) need.
 */
export interface ArticleRenderMeta {
  /** The edition the article is in: its holes are filled in that edition's words and lists. */
  editionId: number;
  /** Its address: any other spelling is redirected here. */
  canonicalPath: string;
  /** Its own section, and the top-level one whose box and "More in" it shows. */
  sectionId: number;
  boxSectionId: number;
  /** Its tags as written: Related is chosen through them. */
  tags: string[];
  /** Epoch ms of its first publication: how often Related is chosen again depends on its age. */
  firstPublishedAt: number;
  /** Related as chosen at `relatedAt`, best first. */
  related: number[];
  relatedAt: number;
  /**
   * When a member of its translation group goes live by the clock (published with a time still to come): the page
   * then links one more edition, with nothing written to say so, so the kept page is not used from then on. Null:
   * none will.
   */
  staleAt: number | null;
}

/** How long a Related choice is kept: a twenty-fourth of the article's age, between a minute and a day. */
export const RELATED_KEPT_MIN_MS = 60_000;
export const RELATED_KEPT_MAX_MS = 24 * 3_600_000;

/**
 * When the kept Related list is chosen again. A story of this morning follows the news (a follow-up appears in its
 * Related within minutes); a story of last year has settled, and its list is chosen at most once a day, so that an
 * archive page costs one query rather than the candidates' dozens of rows.
 */
export const relatedDueAt = (meta: Pick<ArticleRenderMeta, 'firstPublishedAt' | 'relatedAt'>): number => {
  const age = Math.max(0, meta.relatedAt - meta.firstPublishedAt);
  return meta.relatedAt + Math.min(RELATED_KEPT_MAX_MS, Math.max(RELATED_KEPT_MIN_MS, age / 24));
};

const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
const isTime = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

export const encodeRenderMeta = (meta: ArticleRenderMeta): string => JSON.stringify(meta);

/** The meta read back; null for anything that is not what encodeRenderMeta wrote (the render is then made again). */
export const decodeRenderMeta = (text: string): ArticleRenderMeta | null => {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const m = v as Record<string, unknown>;
  const ok =
    isId(m.editionId) &&
    typeof m.canonicalPath === 'string' &&
    m.canonicalPath.startsWith('/') &&
    isId(m.sectionId) &&
    isId(m.boxSectionId) &&
    Array.isArray(m.tags) &&
    m.tags.every((t) => typeof t === 'string') &&
    isTime(m.firstPublishedAt) &&
    Array.isArray(m.related) &&
    m.related.every(isId) &&
    isTime(m.relatedAt) &&
    (m.staleAt === null || isTime(m.staleAt));
  return ok
    ? {
        editionId: m.editionId as number,
        canonicalPath: m.canonicalPath as string,
        sectionId: m.sectionId as number,
        boxSectionId: m.boxSectionId as number,
        tags: m.tags as string[],
        firstPublishedAt: m.firstPublishedAt as number,
        related: m.related as number[],
        relatedAt: m.relatedAt as number,
        staleAt: m.staleAt as number | null,
      }
    : null;
};
