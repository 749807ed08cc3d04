import type { Section } from '../../domain/article.js';
import { Csrf, FormError, NewsroomLayout, type NewsroomChrome } from './NewsroomLayout.js';

export interface CurationPageProps {
  chrome: NewsroomChrome;
  /** null: the home page's top stories; else that section's Top Articles pins. */
  section: Section | null;
  sections: Section[];
  candidates: { id: number; headline: string; when: string; position: number | null }[];
  error?: string | undefined;
  saved?: boolean;
}

export const CurationPage = (p: CurationPageProps) => {
  const what = p.section ? `Top Articles in ${p.section.name}` : 'Home page top stories';
  return (
    <NewsroomLayout chrome={p.chrome} title="Curation">
      <h1>Curation</h1>
      <nav aria-label="What to curate" class="nr-filter">
        <ul>
          <li>
            <a href="/newsroom/curation" aria-current={p.section === null ? 'page' : undefined}>
              Home page
            </a>
          </li>
          {p.sections.map((s) => (
            <li>
              <a
                href={`/newsroom/curation?section=${s.slug}`}
                aria-current={p.section?.id === s.id ? 'page' : undefined}
              >
                {s.name}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{what}</h2>
      <p>
        Number the articles in the order they should appear (1 first). Leave a box empty to leave the article out.
        {p.section
          ? ' Pinned articles lead the box; the most read and the latest fill the rest.'
          : ' The latest articles fill any places left.'}
      </p>
      {p.saved ? (
        <p class="nr-notice" role="status">
          Saved.
        </p>
      ) : null}
      <FormError text={p.error} />
      <form method="post" action="/newsroom/curation" class="nr-form">
        <Csrf token={p.chrome.csrfToken} />
        <input type="hidden" name="scope" value={p.section?.slug ?? 'home'} />
        <table class="nr-table">
          <thead>
            <tr>
              <th scope="col">Position</th>
              <th scope="col">Headline</th>
              <th scope="col">Published</th>
            </tr>
          </thead>
          <tbody>
            {p.candidates.map((c) => (
              <tr>
                <td data-label="Position">
                  <input
                    type="text"
                    inputMode="numeric"
                    size={3}
                    name={`pos_${c.id}`}
                    value={c.position === null ? '' : String(c.position)}
                    aria-label={`Position of ${c.headline}`}
                  />
                </td>
                <td>{c.headline}</td>
                <td data-label="Published">{c.when}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div class="nr-actions">
          <button type="submit">Save order</button>
        </div>
      </form>
    </NewsroomLayout>
  );
};
