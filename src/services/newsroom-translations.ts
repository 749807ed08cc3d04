import { LISTS_KEY } from '../domain/surrogate-keys.js';
import { articleStatusOf, type ArticleStatus } from '../domain/article.js';
import { inlineText, storedBody, type Body } from '../domain/body.js';
import { editionFinder, type Edition } from '../domain/edition.js';
import { parseRowId } from '../domain/ids.js';
import { parseReaderPath } from '../domain/reader-path.js';
import type { Db } from '../storage/database.js';
import { findArticleRow, tagRowsForArticle } from '../storage/repositories/article.repository.js';
import { bylineRowsForArticle } from '../storage/repositories/author.repository.js';
import {
  articleEditionRow,
  articleSummaryRows,
  articleUpdateRow,
  clearSourceUpdated,
  editionRowById,
  insertTranslationLink,
  markSourceUpdated,
  setArticleEdition,
  sourceUpdatedRows,
  translationGroupRows,
} from '../storage/repositories/edition.repository.js';
import {
  forgetArticleRenders,
  forgetRendersOfTranslationGroups,
} from '../storage/repositories/article-render.repository.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';
import { loadEditions } from './edition-admin.js';
import { InvalidInput, NotFound } from './errors.js';
import { writeArticle } from './save-article.js';
import { translationDraftInput } from './translation-draft-input.js';
import { refused, translationsOf, whyNotLinked } from './translations.js';
import { indexArticle } from '../storage/search/search-indexing.js';

/**
 * Translations in the newsroom (issue 13, step 4): what the editor shows, the Translate action, links by address,
 * and the "source updated" mark on the desk. services/translations.ts holds the links' rules and sentences;
 * docs/architecture/0014-editions.md, "Newsroom (built)", says why each of these works as it does.
 */

/** An article of the group as the editor lists it. */
export interface TranslationMember {
  articleId: number;
  role: 'source' | 'translation';
  edition: Edition;
  headline: string;
  status: ArticleStatus;
  sourceUpdatedAt: Date | null;
}

/** A block of the source's body as the editor shows it beside the translation: plain text, read-only. */
export interface SourceBlock {
  kind: 'paragraph' | 'heading' | 'quote' | 'item' | 'image' | 'embed';
  text: string;
}

/** The article a translation is made from, shown beside its editor. */
export interface TranslationSource {
  articleId: number;
  edition: Edition;
  headline: string;
  standfirst: string;
  blocks: SourceBlock[];
}

/** What the editor shows about editions: null on a site with one edition, which looks as it always has. */
export interface ArticleEditions {
  edition: Edition;
  /** The other articles of its translation group, source first. */
  members: TranslationMember[];
  /** Editions with no article of the group yet: where Translate can make one. */
  open: Edition[];
  /** On a translation: its source, for the side-by-side view. */
  source: TranslationSource | null;
  /** This article's own mark, when it is a translation whose source had a significant update. */
  sourceUpdatedAt: Date | null;
}

/** The source's body as text blocks: what a translator reads, with images and embeds named rather than shown. */
export function sourceBlocks(body: Body): SourceBlock[] {
  return body.flatMap((b): SourceBlock[] => {
    switch (b.type) {
      case 'paragraph':
      case 'heading':
      case 'quote':
        return [{ kind: b.type, text: inlineText(b.content) }];
      case 'list':
        return b.items.map((item) => ({ kind: 'item' as const, text: inlineText(item) }));
      case 'image':
        return [{ kind: 'image', text: [b.alt, b.caption].filter(Boolean).join(' — ') }];
      case 'embed':
        return [{ kind: 'embed', text: `${b.title} (${b.url})` }];
      default:
        // A plugin's block (issue 14) has no words of its own to translate.
        return [];
    }
  });
}

/** The editor's view of an article's edition and translation group; null when the site has a single edition. */
export async function articleEditions(db: Db, articleId: number | null): Promise<ArticleEditions | null> {
  const editions = await loadEditions(db);
  if (editions.length < 2) return null;
  const first = editions[0]!;
  if (articleId === null) return { edition: first, members: [], open: [], source: null, sourceUpdatedAt: null };
  const own = await articleEditionRow(db, articleId);
  const edition = editions.find((e) => e.id === own?.edition_id) ?? first;
  const peers = await translationsOf(db, articleId);
  const rows = await articleSummaryRows(db, [articleId, ...peers.map((p) => p.articleId)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const editionOf = (id: number) => editions.find((e) => e.id === id) ?? first;
  const members = peers.flatMap((p) => {
    const row = byId.get(p.articleId);
    return row
      ? [
          {
            articleId: p.articleId,
            role: p.role,
            edition: editionOf(p.editionId),
            headline: row.headline,
            status: articleStatusOf(row.status),
            sourceUpdatedAt: p.sourceUpdatedAt,
          },
        ]
      : [];
  });
  const taken = new Set([edition.id, ...members.map((m) => m.edition.id)]);
  const sourceMember = members.find((m) => m.role === 'source');
  const sourceRow = sourceMember ? byId.get(sourceMember.articleId) : undefined;
  const ownMark = sourceMember
    ? (await translationGroupRows(db, articleId)).find((l) => l.translation_id === articleId)
    : undefined;
  return {
    edition,
    members,
    open: editions.filter((e) => !taken.has(e.id)),
    source:
      sourceMember && sourceRow
        ? {
            articleId: sourceMember.articleId,
            edition: sourceMember.edition,
            headline: sourceRow.headline,
            standfirst: sourceRow.standfirst ?? '',
            blocks: sourceBlocks(storedBody(sourceRow.body)),
          }
        : null,
    sourceUpdatedAt:
      ownMark?.source_updated_at === null || ownMark === undefined ? null : new Date(Number(ownMark.source_updated_at)),
  };
}

/**
 * Translate: a new draft in `editionId`, linked to the article's group source (the article itself, or its source
 * when it is a translation: translations never chain). It starts as a copy of the source (translation-draft-input.ts:
 * its words, section, bylines, tags, main photo and custom fields) for the translator to write over, with the
 * source shown beside it; it is the translator's draft. Article, edition and link are one transaction: a refusal
 * writes nothing. Answers the new article's id.
 */
export async function createTranslationDraft(
  db: Db,
  articleId: number,
  editionId: number,
  actor: { id: number },
  now: Date,
): Promise<number> {
  const group = await translationGroupRows(db, articleId);
  const sourceId = group.find((l) => l.translation_id === articleId)?.article_id ?? articleId;
  const [source, edition] = [await findArticleRow(db, sourceId), await editionRowById(db, editionId)];
  if (!source) throw new NotFound('article', `There is no article ${sourceId}.`);
  if (!edition) throw refused('Choose an edition to translate into.');
  if (source.edition_id === editionId)
    throw refused(`Article ${sourceId} is already in the ${edition.language} edition.`);
  const existing = (await translationGroupRows(db, sourceId)).find((l) => l.translation_edition_id === editionId);
  if (existing)
    throw refused(
      `Article ${sourceId} already has a translation in the ${edition.language} edition (article ${existing.translation_id}).`,
    );
  const [bylines, tags] = await Promise.all([bylineRowsForArticle(db, sourceId), tagRowsForArticle(db, sourceId)]);
  const input = translationDraftInput(
    source,
    bylines.map((b) => b.id),
    tags.map((t) => t.tag),
    actor.id,
  );
  return db.transaction().execute(async (trx) => {
    const id = await writeArticle(trx, null, input, now, { savedBy: actor.id, editionId });
    if (!(await insertTranslationLink(trx, { sourceId, translationId: id, at: now.getTime() })))
      throw await whyNotLinked(trx, sourceId, id);
    await bumpContentVersion(trx, [LISTS_KEY]);
    await forgetRendersOfTranslationGroups(trx, [sourceId]);
    return id;
  });
}

/**
 * The article an editor names to link: its number, or its address on the site (any edition's, a full URL or a
 * path) or in the newsroom. InvalidInput when it names none; whether it exists is the link's to say.
 */
export async function articleIdOfReference(db: Db, reference: string): Promise<number> {
  const typed = reference.trim();
  const number = parseRowId(typed);
  if (number !== null) return number;
  let path: string | null = null;
  try {
    path = new URL(typed, 'http://newsroom.invalid').pathname;
  } catch {
    path = null;
  }
  const newsroom = path === null ? null : /^\/newsroom\/articles\/(\d+)\/?$/.exec(path);
  const id = newsroom ? parseRowId(newsroom[1]) : null;
  if (id !== null) return id;
  if (path !== null && typed !== '') {
    const { rest } = editionFinder(await loadEditions(db))(path);
    const parsed = parseReaderPath(rest);
    if (parsed.kind === 'article') return parsed.id;
  }
  throw refused('Give the other article’s number, or its address such as /politics/20260121-12/.');
}

/**
 * After a newsroom save: a live article saved with a new Updated time (a significant update) marks its
 * translations "source updated", and, when it is a translation, takes its own mark off. Run after the save's
 * transaction; the mark is the desk's reminder, not part of the article.
 */
export async function noteSignificantUpdate(
  db: Db,
  articleId: number,
  before: { status: ArticleStatus | null; updatedAt: Date | null } | null,
  now: Date,
): Promise<void> {
  if (before?.status !== 'published' || before.updatedAt?.getTime() === now.getTime()) return;
  const after = await articleUpdateRow(db, articleId);
  if (after?.status !== 'published' || Number(after.updated_at) !== now.getTime()) return;
  await markSourceUpdated(db, articleId, now.getTime());
  await clearSourceUpdated(db, articleId);
}

/** Takes the "source updated" mark off a translation; NotFound when it has none. */
export async function dismissSourceUpdated(db: Db, translationId: number): Promise<void> {
  if (!(await clearSourceUpdated(db, translationId)))
    throw new NotFound('mark', `Article ${translationId} has no “source updated” mark.`);
}

/** A line of the desk's "Source updated" list. */
export interface SourceUpdatedEntry {
  translation: { id: number; headline: string; edition: Edition };
  source: { id: number; headline: string; edition: Edition };
  markedAt: Date;
}

/** The translations whose sources had a significant update after they went live, oldest mark first. */
export async function sourceUpdatedList(db: Db): Promise<SourceUpdatedEntry[]> {
  const marks = await sourceUpdatedRows(db);
  if (marks.length === 0) return [];
  const [editions, rows] = await Promise.all([
    loadEditions(db),
    articleSummaryRows(db, [...new Set(marks.flatMap((m) => [m.article_id, m.translation_id]))]),
  ]);
  const headline = new Map(rows.map((r) => [r.id, r.headline]));
  const edition = (id: number) => editions.find((e) => e.id === id) ?? editions[0]!;
  return marks.map((m) => ({
    translation: {
      id: m.translation_id,
      headline: headline.get(m.translation_id) ?? '',
      edition: edition(m.translation_edition_id),
    },
    source: { id: m.article_id, headline: headline.get(m.article_id) ?? '', edition: edition(m.source_edition_id) },
    markedAt: new Date(Number(m.source_updated_at)),
  }));
}

/**
 * Moves a draft that has never been live and has no translation links into another edition: how a story first
 * written in that edition's language starts (New article files into the first edition). Nothing readers see
 * changes, and a linked article's edition is held by the links' foreign keys anyway.
 */
export async function moveDraftToEdition(db: Db, articleId: number, editionId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const [article, edition] = [await findArticleRow(trx, articleId), await editionRowById(trx, editionId)];
    if (!article) throw new NotFound('article', `There is no article ${articleId}.`);
    if (!edition) throw moveRefused('Choose an edition to move the draft to.');
    if (article.edition_id === editionId) throw moveRefused(`The draft is already in the ${edition.language} edition.`);
    if (article.status !== 'draft' || article.first_published_at !== null)
      throw moveRefused('Only a draft that has never been published can move to another edition.');
    if ((await translationGroupRows(trx, articleId)).length > 0)
      throw moveRefused('A linked article stays in its edition; unlink it first.');
    await setArticleEdition(trx, articleId, editionId);
    // A draft has no page, but a render made of it (a preview) would carry the old edition's address.
    await forgetArticleRenders(trx, [articleId]);
    await indexArticle(trx, articleId);
  });
}

const moveRefused = (message: string) => new InvalidInput({ move: message });
