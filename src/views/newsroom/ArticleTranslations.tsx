import { STATUS_LABELS } from '../../domain/article.js';
import type { Edition } from '../../domain/edition.js';
import type { ArticleEditions, SourceBlock, TranslationSource } from '../../services/newsroom-translations.js';
import { Csrf, Field } from './NewsroomLayout.js';
import { PostButton } from './PostButton.js';

/** An edition as the newsroom names it: its publication and language. */
export const editionName = (e: Pick<Edition, 'publicationName' | 'language'>): string =>
  `${e.publicationName} (${e.language})`;

const SourceText = ({ block }: { block: SourceBlock }) => {
  switch (block.kind) {
    case 'heading':
      return <h4>{block.text}</h4>;
    case 'quote':
      return <blockquote>{block.text}</blockquote>;
    case 'item':
      return <p>• {block.text}</p>;
    case 'image':
      return <p class="nr-hint">[Image: {block.text}]</p>;
    case 'embed':
      return <p class="nr-hint">[Embed: {block.text}]</p>;
    default:
      return <p>{block.text}</p>;
  }
};

/**
 * The source of a translation beside its editor, read-only: headline, standfirst and body as text. A <details>,
 * open, so it folds away without JavaScript; newsroom.css sets it beside the form on wide screens.
 */
export const SourceBeside = ({ source }: { source: TranslationSource }) => (
  <aside class="nr-source" aria-labelledby="source-heading">
    <details open>
      <summary>
        <span id="source-heading">Source: {editionName(source.edition)}</span>
      </summary>
      <div lang={source.edition.language}>
        <h3>{source.headline}</h3>
        {source.standfirst ? <p class="nr-source-standfirst">{source.standfirst}</p> : null}
        {source.blocks.map((block) => (
          <SourceText block={block} />
        ))}
      </div>
      <p>
        <a href={`/newsroom/articles/${source.articleId}`}>Open the source</a>
      </p>
    </details>
  </aside>
);

const Refusal = ({ id, text }: { id: string; text: string | undefined }) =>
  text ? (
    <p class="nr-error" id={id} role="alert">
      {text}
    </p>
  ) : null;

/**
 * The article's translation group, with edit links, and what an editor can do to it: Translate into an edition
 * that has no article of the group yet, link an existing article, unlink one, dismiss a "source updated" mark.
 * Each is a form of its own, so all of it works without JavaScript.
 */
export const ArticleTranslations = ({
  articleId,
  editions,
  canTranslate,
  canLink,
  movable,
  csrfToken,
  errors,
  values,
  formatTime,
}: {
  articleId: number;
  editions: ArticleEditions;
  canTranslate: boolean;
  canLink: boolean;
  /** A draft never published and not linked, which this person may edit: it may move to another edition. */
  movable: boolean;
  csrfToken: string;
  errors: Record<string, string>;
  values: { other: string; role: string };
  formatTime: (at: Date) => string;
}) => (
  <section class="nr-translations" aria-labelledby="translations-heading">
    <h2 id="translations-heading">Translations</h2>
    {editions.members.length === 0 ? (
      <p class="empty">Not linked to an article in another edition.</p>
    ) : (
      <ul>
        {editions.members.map((m) => (
          <li>
            {m.role === 'source' ? 'Source' : 'Translation'} in {editionName(m.edition)}:{' '}
            <a href={`/newsroom/articles/${m.articleId}`} lang={m.edition.language}>
              {m.headline || 'Untitled'}
            </a>{' '}
            ({STATUS_LABELS[m.status]})
            {m.sourceUpdatedAt ? <strong> · Source updated {formatTime(m.sourceUpdatedAt)}</strong> : null}
            {/* A link joins the source and each translation: a translation's siblings are not linked to it. */}
            {canLink && (m.role === 'source' || !editions.members.some((x) => x.role === 'source')) ? (
              <PostButton
                action={`/newsroom/articles/${articleId}/translations/unlink`}
                csrfToken={csrfToken}
                hidden={{ other: String(m.articleId) }}
              >
                Unlink
              </PostButton>
            ) : null}
          </li>
        ))}
      </ul>
    )}
    {canLink && editions.sourceUpdatedAt ? (
      <PostButton
        action={`/newsroom/articles/${articleId}/source-updated/dismiss`}
        csrfToken={csrfToken}
        hidden={{ from: 'editor' }}
      >
        Dismiss “source updated”
      </PostButton>
    ) : null}
    {/* A refusal of a form this page no longer offers (sent from an older page): said here rather than lost. */}
    {!(canTranslate && editions.open.length > 0) ? (
      <Refusal id="translate-edition-error" text={errors.translate} />
    ) : null}
    {!(movable && editions.open.length > 0) ? <Refusal id="move-edition-error" text={errors.move} /> : null}
    {canTranslate && editions.open.length > 0 ? (
      <form method="post" action={`/newsroom/articles/${articleId}/translate`} class="nr-form">
        <Csrf token={csrfToken} />
        <Field
          name="translate-edition"
          label="Translate into"
          error={errors.translate}
          hint="Makes a draft in that edition, linked to this article, starting from its text."
        >
          <select id="translate-edition" name="edition" aria-describedby="translate-edition-hint">
            {editions.open.map((e) => (
              <option value={String(e.id)}>{editionName(e)}</option>
            ))}
          </select>
        </Field>
        <button type="submit">Translate</button>
      </form>
    ) : null}
    {movable && editions.open.length > 0 ? (
      <form method="post" action={`/newsroom/articles/${articleId}/edition`} class="nr-form">
        <Csrf token={csrfToken} />
        <Field
          name="move-edition"
          label="Move this draft to"
          error={errors.move}
          hint="For a story first written in that edition’s language; only a draft never published, not linked."
        >
          <select id="move-edition" name="edition" aria-describedby="move-edition-hint">
            {editions.open.map((e) => (
              <option value={String(e.id)}>{editionName(e)}</option>
            ))}
          </select>
        </Field>
        <button type="submit">Move</button>
      </form>
    ) : null}
    {canLink ? (
      <form method="post" action={`/newsroom/articles/${articleId}/translations`} class="nr-form">
        <Csrf token={csrfToken} />
        <Field
          name="translation-other"
          label="Link to an article of another edition"
          error={errors.translation}
          hint="Its number, or its address on the site."
        >
          <input
            type="text"
            id="translation-other"
            name="other"
            value={values.other}
            autocomplete="off"
            aria-describedby="translation-other-hint"
          />
        </Field>
        <Field name="translation-role" label="This article is">
          <select id="translation-role" name="role">
            <option value="source" selected={values.role !== 'translation'}>
              the source, the other its translation
            </option>
            <option value="translation" selected={values.role === 'translation'}>
              a translation of the other
            </option>
          </select>
        </Field>
        <button type="submit">Link</button>
      </form>
    ) : null}
  </section>
);
