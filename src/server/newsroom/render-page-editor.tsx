import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseRowId } from '../../domain/ids.js';
import type { PublicationPage } from '../../domain/publication-page.js';
import { bodyImageIds } from '../../services/article-form.js';
import { NotFound } from '../../services/errors.js';
import { previewUrls } from '../../services/image-library.js';
import { loadPublicationPage } from '../../services/publication-pages.js';
import { emptyPageForm, pageFormOf, type PageFormValues } from '../../services/save-publication-page.js';
import { PageEditorPage } from '../../views/newsroom/PageEditorPage.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { chromeOf, sendPage } from './request-context.js';

export interface PageEditorView {
  status: number;
  /** What was typed, when a save was refused; otherwise the stored page's (or a new page's empty) form. */
  values?: PageFormValues;
  errors?: Record<string, string>;
  notice?: string;
}

/** The `:id` page, or the newsroom's not-found page. */
export const pageOrNotFound = async (deps: NewsroomDeps, id: number): Promise<PublicationPage> => {
  const page = await loadPublicationPage(deps.db, id);
  if (!page) throw new NotFound('page', 'That page does not exist.');
  return page;
};

/** The page editor for a new page (null) or a stored one, with what was typed and what went wrong. */
export const renderPageEditor = async (
  deps: NewsroomDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  page: PublicationPage | null,
  view: PageEditorView,
) => {
  const values = view.values ?? (page ? pageFormOf(page) : emptyPageForm());
  const photoId = parseRowId(values.photoMediaId);
  const previews = await previewUrls(deps.db, [...(photoId === null ? [] : [photoId]), ...bodyImageIds(values.body)]);
  return sendPage(
    reply,
    view.status,
    <PageEditorPage
      chrome={chromeOf(deps, req, reply)}
      pageId={page?.id ?? null}
      status={page?.status ?? null}
      values={values}
      errors={view.errors ?? {}}
      notice={view.notice}
      editorScript={deps.assets.builtHref('newsroom-editor.js')}
      photoPreview={photoId === null ? null : (previews.get(photoId) ?? null)}
      bodyImagePreviews={Object.fromEntries([...previews].filter(([id]) => id !== photoId))}
    />,
  );
};
