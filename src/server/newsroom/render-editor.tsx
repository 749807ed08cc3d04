import type { FastifyReply, FastifyRequest } from 'fastify';
import { articlePath } from '../../domain/article-path.js';
import type { Section } from '../../domain/article.js';
import { ROOT_PREFIX } from '../../domain/edition.js';
import { parseRowId } from '../../domain/ids.js';
import { correctionsFor } from '../../services/corrections.js';
import { bodyImageIds, emptyForm, type ArticleFormValues } from '../../services/article-form.js';
import { ownBylineOf } from '../../services/authors.js';
import { previewUrls } from '../../services/image-library.js';
import type { ConflictView } from '../../services/merge-after-conflict.js';
import { bylineChoices } from '../../services/newsroom-articles.js';
import { articleEditions } from '../../services/newsroom-translations.js';
import { contextOfEdition, type SiteContext } from '../../services/site-context.js';
import { ArticleEditorPage } from '../../views/newsroom/ArticleEditorPage.js';
import { blockFormsOf } from '../../plugins/block-editor.js';
import { openArticle } from './guards.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { chromeOf, sendPage, sessionOf, siteTimeFormat } from './request-context.js';

export interface EditorView {
  values?: ArticleFormValues;
  errors?: Record<string, string>;
  status: number;
  notice?: string;
  conflict?: ConflictView;
  /** What was typed into the translation link form, after a refusal. */
  linkValues?: { other: string; role: string };
}

/** The article the editor shows: the guard's, or (after sign-in) opened with the same checks. */
const editorArticle = async (deps: NewsroomDeps, req: FastifyRequest, id: number | null) => {
  if (id === null) return null;
  if (req.editable?.id === id) return req.editable;
  return openArticle(deps, sessionOf(req), id, 'open');
};

/** The editor page for a new article (id null) or an existing one, with what was typed and what went wrong. */
export const renderEditor = async (
  deps: NewsroomDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  id: number | null,
  view: EditorView,
) => {
  const session = sessionOf(req);
  const ctx = deps.site.current().context;
  const existing = await editorArticle(deps, req, id);
  const section = existing && ctx.sections.bySlug.get(existing.values.section);
  // A new article starts with the writer's own byline, when their account has an author profile.
  const values = view.values ??
    existing?.values ?? { ...emptyForm(), authors: await ownBylineOf(deps.db, session.account.id) };
  const photoId = parseRowId(values.photoMediaId);
  const previews = await previewUrls(deps.db, [...(photoId === null ? [] : [photoId]), ...bodyImageIds(values.body)]);
  const authors = await bylineChoices(deps.db);
  const live = existing?.status === 'published' && existing.firstPublishedAt && section;
  const editions = await articleEditions(deps.db, id);
  // Linking from the first edition usually names a translation; from another edition, the source.
  const linkRole = editions?.edition.prefix === ROOT_PREFIX ? 'source' : 'translation';
  return sendPage(
    reply,
    view.status,
    <ArticleEditorPage
      chrome={chromeOf(deps, req, reply)}
      articleId={id}
      status={existing?.status ?? null}
      ownedByActor={existing === null || existing.createdBy === session.account.id}
      role={session.account.role}
      values={values}
      editorScript={deps.assets.builtHref('newsroom-editor.js')}
      autosaveMs={deps.autosaveMs}
      photoPreview={photoId === null ? null : (previews.get(photoId) ?? null)}
      bodyImagePreviews={Object.fromEntries([...previews].filter(([imageId]) => imageId !== photoId))}
      blockForms={blockFormsOf(deps.plugins.blocks)}
      errors={view.errors ?? {}}
      sections={ctx.sections.all.map((s) => ({
        section: s,
        label: s.parentId === null ? s.name : `${ctx.sections.byId.get(s.parentId)?.name ?? ''} › ${s.name}`,
      }))}
      authors={authors}
      timeZoneLabel={ctx.settings.timeZoneLabel}
      reviewNote={existing?.reviewNote ?? null}
      publicPath={
        live && id !== null
          ? articlePathInEdition(ctx, editions?.edition.id, section, existing.firstPublishedAt!, id)
          : null
      }
      corrections={id === null ? [] : await correctionsFor(deps.db, id)}
      notice={view.notice}
      conflict={view.conflict}
      formatTime={siteTimeFormat(deps)}
      editions={editions}
      linkValues={view.linkValues ?? { other: '', role: linkRole }}
      customFields={deps.plugins.fields}
    />,
  );
};

/**
 * A live article's address as its own edition gives it: the section there may have an address of its own
 * (/ja/seiji/ for politics), under the edition's prefix.
 */
const articlePathInEdition = (
  site: SiteContext,
  editionId: number | undefined,
  section: Section,
  firstPublishedAt: Date,
  id: number,
): string => {
  const own = editionId === undefined ? site : contextOfEdition(site, editionId);
  return articlePath(own, own.sections.byId.get(section.id) ?? section, firstPublishedAt, id);
};
