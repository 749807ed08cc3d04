import type { Correction } from '../../domain/correction.js';
import { editionWords } from '../shared/edition-chrome.js';
import { Layout, type PageChrome } from '../shared/Layout.js';
import { Time } from '../shared/Time.js';

export interface CorrectionsPageProps {
  chrome: PageChrome;
  corrections: (Correction & { headline: string; path: string })[];
}

/** Every correction, clarification and editor's note, newest first: a newspaper's public record of its errors. */
export const CorrectionsPage = ({ chrome, corrections }: CorrectionsPageProps) => {
  const words = editionWords(chrome);
  const { labels } = words;
  return (
    <Layout
      page={{ kind: 'corrections' }}
      chrome={chrome}
      title={`${labels.corrections} | ${chrome.settings.publicationName}`}
      description={labels.correctionsPublishedBy(chrome.settings.publicationName)}
      canonicalPath={words.path('/corrections/')}
    >
      <div class="front">
        <header class="front-header">
          <h1>{labels.correctionsHeading}</h1>
        </header>
        {corrections.length === 0 ? (
          <p class="empty">{labels.noCorrections}</p>
        ) : (
          <ul class="teasers">
            {corrections.map((c) => (
              <li class="teaser">
                <div class="teaser-text">
                  <p class="teaser-meta">
                    <strong>{labels.correctionKinds[c.kind]}</strong> ·{' '}
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
};
