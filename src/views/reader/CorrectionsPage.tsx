import { CORRECTION_LABELS, type Correction } from '../../domain/correction.js';
import { Layout, type PageChrome } from '../shared/Layout.js';
import { Time } from '../shared/Time.js';

export interface CorrectionsPageProps {
  chrome: PageChrome;
  corrections: (Correction & { headline: string; path: string })[];
}

/** Every correction, clarification and editor's note, newest first: a newspaper's public record of its errors. */
export const CorrectionsPage = ({ chrome, corrections }: CorrectionsPageProps) => (
  <Layout
    chrome={chrome}
    title={`Corrections | ${chrome.settings.publicationName}`}
    description={`Corrections and clarifications published by ${chrome.settings.publicationName}.`}
    canonicalPath="/corrections/"
  >
    <div class="front">
      <header class="front-header">
        <h1>Corrections and clarifications</h1>
      </header>
      {corrections.length === 0 ? (
        <p class="empty">No corrections have been published.</p>
      ) : (
        <ul class="teasers">
          {corrections.map((c) => (
            <li class="teaser">
              <div class="teaser-text">
                <p class="teaser-meta">
                  <strong>{CORRECTION_LABELS[c.kind]}</strong> ·{' '}
                  <Time instant={c.createdAt} settings={chrome.settings} style="dateline" />
                </p>
                <h2 class="teaser-headline">
                  <a href={c.path}>{c.headline}</a>
                </h2>
                <p class="teaser-standfirst">{c.text}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  </Layout>
);
