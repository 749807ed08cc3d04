import type { ConflictView, CustomFormField, MergedField } from '../../services/merge-after-conflict.js';
import { Csrf } from './NewsroomLayout.js';

const FIELD_LABELS: Record<MergedField, string> = {
  headline: 'headline',
  standfirst: 'standfirst',
  body: 'body',
  section: 'section',
  authors: 'bylines',
  tags: 'tags',
  slug: 'slug',
  seoDescription: 'search description',
  photoMediaId: 'photo',
  photoCaption: 'photo caption',
  photoCredit: 'photo credit',
  photoAlt: 'photo alt text',
};
const isCore = (field: string): field is MergedField => Object.hasOwn(FIELD_LABELS, field);
/** A core field by its name in words; a plugin's field by its label, quoted as the editor's messages quote it. */
const labelOf = (view: ConflictView, field: MergedField | CustomFormField): string =>
  isCore(field) ? FIELD_LABELS[field] : `“${view.customLabels[field] ?? field}” field`;
const listOf = (view: ConflictView, fields: (MergedField | CustomFormField)[]) =>
  fields.map((f) => labelOf(view, f)).join(', ');
const clashesOf = (view: ConflictView) =>
  listOf(
    view,
    view.conflicts.map((c) => c.field),
  );

/** Theirs beside mine for one clash. */
const Versions = ({ theirs, mine }: { theirs: string; mine: string }) => (
  <div class="nr-versions">
    <div class="nr-theirs">
      <h4>Theirs</h4>
      <pre>{theirs || '(empty)'}</pre>
    </div>
    <div class="nr-mine">
      <h4>Yours (in the form)</h4>
      <pre>{mine || '(empty)'}</pre>
    </div>
  </div>
);

/**
 * The merge view after a conflicting save: their changes to parts this person left alone are already in
 * the form; where both changed the same part, the form keeps this person's text and theirs is shown
 * beside it. Saving keeps the merge; "take over" saves only this person's version; or open theirs.
 */
export const ConflictPanel = ({
  conflict,
  action,
  csrf,
  articleId,
  revision,
  formatTime,
}: {
  conflict: ConflictView;
  action: string;
  csrf: string;
  articleId: number | null;
  revision: string;
  formatTime: (at: Date) => string;
}) => (
  <section class="nr-conflict" aria-labelledby="conflict">
    <h2 id="conflict">
      {conflict.by ?? 'Someone else'} saved this article at {formatTime(conflict.at)} while you were editing
    </h2>
    <p>Nothing has been saved yet: check the form below, then save it to keep the merge.</p>
    <ul>
      {conflict.fromTheirs.length > 0 ? (
        <li>Their changes to the {listOf(conflict, conflict.fromTheirs)} are merged into the form.</li>
      ) : null}
      {conflict.conflicts.length > 0 ? (
        <li>
          You both changed the {clashesOf(conflict)}: the form keeps your version; theirs is shown below to copy from.
        </li>
      ) : (
        <li>None of your changes clash with theirs.</li>
      )}
    </ul>
    {conflict.conflicts.map((c) => (
      <div class="nr-diff">
        <h3>Both changed the {labelOf(conflict, c.field)}</h3>
        {c.parts.length > 0 ? (
          c.parts.map((part) => <Versions theirs={part.theirs.join('\n\n')} mine={part.mine.join('\n\n')} />)
        ) : (
          <Versions theirs={c.theirs} mine={c.mine} />
        )}
      </div>
    ))}
    <form method="post" action={action} class="nr-takeover">
      <Csrf token={csrf} />
      {Object.entries(conflict.mine).map(([name, value]) =>
        name === 'revision' ? null : <input type="hidden" name={name} value={value} />,
      )}
      <input type="hidden" name="revision" value={revision} />
      <button type="submit" name="action" value="save">
        Take over: save only my version
      </button>
      {articleId !== null ? (
        <>
          {' '}
          or <a href={`/newsroom/articles/${articleId}`}>discard my changes and open theirs</a>
        </>
      ) : null}
    </form>
  </section>
);
