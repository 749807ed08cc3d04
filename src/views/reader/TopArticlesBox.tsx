import type { ArticleSummary } from '../../domain/article.js';

interface TopArticlesBoxProps {
  title: string;
  articles: ArticleSummary[];
  /** Ranking boxes number their entries; "Top Articles" lists do not. */
  numbered?: boolean;
}

/** A side box of headlines, as at the foot of the reference page. */
export const TopArticlesBox = ({ title, articles, numbered }: TopArticlesBoxProps) => {
  if (articles.length === 0) return null;
  const id = `box-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const items = articles.map((a) => (
    <li>
      <a href={a.path}>{a.headline}</a>
    </li>
  ));
  return (
    <section class="headline-box" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {numbered ? <ol>{items}</ol> : <ul>{items}</ul>}
    </section>
  );
};
