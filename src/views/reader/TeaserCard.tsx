import { Picture } from '../shared/Picture.js';
import type { TeaserCardProps } from '../shared/Themed.js';
import { Time } from '../shared/Time.js';

/** The default theme's teaser: thumbnail, headline, date, standfirst. */
export const TeaserCard = ({ article, settings, headingLevel, showSection }: TeaserCardProps) => {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li class="teaser">
      {article.thumbnail ? (
        <a class="teaser-image" href={article.path} tabIndex={-1} aria-hidden="true">
          <Picture
            photo={{ ...article.thumbnail, alt: '' }}
            sizes="(min-width: 40rem) 12rem, 33vw"
            width={400}
            maxWidth={400}
          />
        </a>
      ) : null}
      <div class="teaser-text">
        <H class="teaser-headline">
          <a href={article.path}>{article.headline}</a>
        </H>
        <p class="teaser-meta">
          {showSection ? <span class="teaser-section">{article.sectionName} · </span> : null}
          <Time instant={article.publishedAt} settings={settings} style="date" />
        </p>
        {article.standfirst ? <p class="teaser-standfirst">{article.standfirst}</p> : null}
      </div>
    </li>
  );
};
