export interface SourceUpdatedRowView {
  translation: { id: number; headline: string; edition: string; language: string };
  source: { id: number; headline: string; edition: string; language: string };
  when: { text: string; iso: string };
}

/** Translations to bring up to date: each with its source, the time of the source's update and a Dismiss button. */
export const SourceUpdatedBox = ({ rows, csrfToken }: { rows: SourceUpdatedRowView[]; csrfToken: string }) => (
  <section aria-labelledby="source-updated">
    <h2 id="source-updated">Source updated</h2>
    <table class="nr-table">
      <thead>
        <tr>
          <th scope="col">Translation</th>
          <th scope="col">Source</th>
          <th scope="col">Source updated</th>
          <th scope="col">Mark</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td>
              <a href={`/newsroom/articles/${r.translation.id}`} lang={r.translation.language}>
                {r.translation.headline || 'Untitled'}
              </a>{' '}
              ({r.translation.edition})
            </td>
            <td data-label="Source">
              <a href={`/newsroom/articles/${r.source.id}`} lang={r.source.language}>
                {r.source.headline || 'Untitled'}
              </a>{' '}
              ({r.source.edition})
            </td>
            <td data-label="Source updated">
              <time datetime={r.when.iso}>{r.when.text}</time>
            </td>
            <td data-label="Mark">
              <form method="post" action={`/newsroom/articles/${r.translation.id}/source-updated/dismiss`}>
                <input type="hidden" name="_csrf" value={csrfToken} />
                <button type="submit">Dismiss</button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </section>
);
