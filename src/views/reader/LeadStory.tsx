import type { ArticleSummary } from '../../domain/article.js';
import type { ReaderSettings } from '../shared/edition-chrome.js';
import { Picture } from '../shared/Picture.js';
import { Time } from '../shared/Time.js';

interface LeadStoryProps {
  article: ArticleSummary;
  settings: ReaderSettings;
  /** Heading level of the headline, so the outline stays correct wherever the story sits. */
  headingLevel: 2 | 3;
  /** The `sizes` of its photo: how wide the layout draws it. */
  sizes: string;
  showSection?: boolean;
}

/**
 * The story a front leads with: a large photo, then headline, date and standfirst. Its photo is the first image
 * above the fold, so it is fetched first rather than lazily (fetchpriority="high").
 */
export const LeadStory = ({ article, settings, headingLevel, sizes, showSection }: LeadStoryProps) => {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class="lead-story">
      {article.thumbnail ? (
        <a class="lead-image" href={article.path} tabIndex={-1} aria-hidden="true">
          <Picture photo={{ ...article.thumbnail, alt: '' }} sizes={sizes} width={800} priority />
        </a>
      ) : null}
      <div class="lead-text">
        <H class="lead-headline">
          <a href={article.path}>{article.headline}</a>
        </H>
        <p class="teaser-meta">
          {showSection ? `${article.sectionName} · ` : null}
          <Time instant={article.publishedAt} settings={settings} style="date" />
        </p>
        {article.standfirst ? <p class="teaser-standfirst">{article.standfirst}</p> : null}
      </div>
    </article>
  );
};
