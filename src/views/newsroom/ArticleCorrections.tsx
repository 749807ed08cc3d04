import { CORRECTION_KINDS, CORRECTION_LABELS, type Correction } from '../../domain/correction.js';
import { Csrf, Field } from './NewsroomLayout.js';

/** The notices on a published article, and the form that adds one. */
export const ArticleCorrections = ({
  articleId,
  corrections,
  errors,
  csrfToken,
}: {
  articleId: number;
  corrections: Correction[];
  errors: Record<string, string>;
  csrfToken: string;
}) => (
  <section class="nr-corrections" aria-labelledby="add-correction">
    <h2 id="add-correction">Corrections</h2>
    {corrections.length ? (
      <ul>
        {corrections.map((c) => (
          <li>
            <strong>{CORRECTION_LABELS[c.kind]}:</strong> {c.text}
          </li>
        ))}
      </ul>
    ) : (
      <p>None yet.</p>
    )}
    <form method="post" action={`/newsroom/articles/${articleId}/corrections`} class="nr-form">
      <Csrf token={csrfToken} />
      <Field name="kind" label="Kind" error={errors.kind}>
        <select id="kind" name="kind">
          {CORRECTION_KINDS.map((k) => (
            <option value={k}>{CORRECTION_LABELS[k]}</option>
          ))}
        </select>
      </Field>
      <Field name="text" label="Notice" error={errors.text}>
        <textarea id="text" name="text" rows={3}></textarea>
      </Field>
      <button type="submit">Add notice</button>
    </form>
  </section>
);
