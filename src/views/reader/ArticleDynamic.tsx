import type { ArticleSummary, Section } from '../../domain/article.js';
import type { ReaderLabels } from '../../domain/edition-labels.js';
import type { ReaderSettings } from '../shared/edition-chrome.js';
import { rawHtml } from '../shared/raw-html.js';
import { Time } from '../shared/Time.js';

/**
 * The parts of an article page that change without the article changing: the lists at its end, the two boxes of the
 * rail and the view beacon's signed token. Everything else of the page is rendered when the article is written and
 * kept (services/article-render.ts, record 0009); these are filled in at each answer, in this order.
 */
export const ARTICLE_HOLES = ['end', 'top', 'ranking', 'beacon'] as const;
export type ArticleHole = (typeof ARTICLE_HOLES)[number];

/**
 * Where a hole's content goes, in a page rendered with holes. NUL never reaches a rendered page (text and
 * attributes are stripped of it when saved, and Preact would not make one), so the mark cannot be mistaken.
 */
export const holeMark = (name: ArticleHole): string => `\u0000hole:${name}\u0000`;

/** The hole's mark in place of its content when `holes` is set; its content otherwise. */
export const Dynamic = ({
  name,
  holes,
  children,
}: {
  name: ArticleHole;
  holes?: boolean;
  children: preact.ComponentChildren;
}) => (holes ? rawHtml(holeMark(name)) : <>{children}</>);

/** One story in a list at the article's end: headline, then section and date. */
export const EndItem = ({ article: a, settings }: { article: ArticleSummary; settings: ReaderSettings }) => (
  <li>
    <a href={a.path}>{a.headline}</a>
    <span class="end-meta">
      {a.sectionName} · <Time instant={a.publishedAt} settings={settings} style="date" />
    </span>
  </li>
);

/**
 * A list of other stories at the article's end. `itemHtml`, when given, is each story's EndItem already rendered
 * (kept per content version by the server, article-pieces.tsx): the same bytes, without rendering them again.
 */
const EndList = (props: {
  articles: ArticleSummary[];
  settings: ReaderSettings;
  itemHtml?: ((a: ArticleSummary) => string) | undefined;
}) => (
  <ul class="end-list">
    {props.articles.map((a) =>
      props.itemHtml ? rawHtml(props.itemHtml(a)) : <EndItem article={a} settings={props.settings} />,
    )}
  </ul>
);

export interface EndListsProps {
  related: ArticleSummary[];
  moreInSection: ArticleSummary[];
  boxSection: Section;
  /** The section's address in the edition ("/politics/", "/ja/politics/"). */
  boxSectionPath: string;
  settings: ReaderSettings;
  labels: ReaderLabels;
  /** Each story's EndItem, rendered beforehand (see EndList). */
  itemHtml?: (a: ArticleSummary) => string;
}

/** "Related", then "More in {Section}" with the way to the section front; each only when it has stories. */
export const EndLists = (props: EndListsProps) => (
  <>
    {props.related.length > 0 ? (
      <section class="article-end" aria-labelledby="article-related">
        <h2 id="article-related">{props.labels.related}</h2>
        <EndList articles={props.related} settings={props.settings} itemHtml={props.itemHtml} />
      </section>
    ) : null}
    {props.moreInSection.length > 0 ? (
      <section class="article-end" aria-labelledby="article-more">
        <h2 id="article-more">{props.labels.moreIn(props.boxSection.name)}</h2>
        <EndList articles={props.moreInSection} settings={props.settings} itemHtml={props.itemHtml} />
        <p class="end-more">
          <a href={props.boxSectionPath}>{props.labels.allStoriesIn(props.boxSection.name)}</a>
        </p>
      </section>
    ) : null}
  </>
);

/** The view beacon: its script and the token it sends back, signed for this article at this second. */
export const BeaconScript = ({ src, articleId, token }: { src: string; articleId: number | string; token: string }) => (
  <script src={src} data-article={String(articleId)} data-token={token} defer />
);
