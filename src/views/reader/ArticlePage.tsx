import type { ArticleSummary, MediaRef } from '../../domain/article.js';
import type { Article, Section } from '../../domain/article.js';
import { bodyText } from '../../domain/body.js';
import { CORRECTION_LABELS, type Correction } from '../../domain/correction.js';
import { isoWithOffset } from '../../domain/dateline.js';
import { mediaUrl, variantName, variantWidths } from '../../domain/media.js';
import { authorPath, tagPath } from '../../domain/listing-path.js';
import { tagSlug } from '../../domain/tag.js';
import { jsonLd, Layout, type PageChrome } from '../shared/Layout.js';
import { Picture } from '../shared/Picture.js';
import { Time } from '../shared/Time.js';
import { BodyBlocks } from './BodyBlocks.js';
import { TopArticlesBox } from './TopArticlesBox.js';

export interface ArticlePageProps {
  chrome: PageChrome;
  article: Article;
  canonicalPath: string;
  sectionPath: string;
  boxSection: Section;
  topInSection: ArticleSummary[];
  accessRanking: ArticleSummary[];
  bodyMedia: Map<number, MediaRef>;
  corrections: Correction[];
  /** The view beacon: script URL and the signed token it sends back. */
  beacon: { src: string; token: string };
}

const describe = (article: Article): string => {
  const text = article.standfirst ?? bodyText(article.body);
  return text.length > 160 ? `${text.slice(0, 157).replace(/\s+\S*$/, '')}…` : text;
};

const structuredData = (props: ArticlePageProps): string => {
  const { article, chrome } = props;
  const { settings } = chrome;
  const photo = article.mainPhoto;
  const largest = photo ? variantWidths(photo.width).at(-1)! : 0;
  return jsonLd({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.headline,
    description: describe(article),
    mainEntityOfPage: settings.baseUrl + props.canonicalPath,
    datePublished: isoWithOffset(article.publishedAt!, settings.timeZone),
    dateModified: isoWithOffset(article.updatedAt ?? article.publishedAt!, settings.timeZone),
    articleSection: article.section.name,
    keywords: article.tags,
    author: article.bylines.map((a) => ({ '@type': 'Person', name: a.name })),
    publisher: { '@type': 'NewsMediaOrganization', name: settings.publicationName },
    ...(photo ? { image: [settings.baseUrl + mediaUrl(photo.mediaId, photo.hash, variantName(largest, 'jpg'))] } : {}),
  });
};

/** "A", "A and B", "A, B and C": what goes between the byline's names, before name `i` of `count`. */
const nameSeparator = (i: number, count: number): string => (i === 0 ? '' : i === count - 1 ? ' and ' : ', ');

/** The article page, in the order of the reference page: headline, photo and caption, dateline, body, boxes. */
export const ArticlePage = (props: ArticlePageProps) => {
  const { chrome, article, boxSection, topInSection } = props;
  const { settings } = chrome;
  const photo = article.mainPhoto;
  const kicker = article.parentSection ? [article.parentSection, article.section] : [article.section];
  return (
    <Layout
      chrome={chrome}
      title={`${article.headline} | ${settings.publicationName}`}
      description={describe(article)}
      canonicalPath={props.canonicalPath}
      currentSection={(article.parentSection ?? article.section).slug}
      structuredData={structuredData(props)}
    >
      <div class="article-layout">
        <article class="article">
          <header class="article-header">
            <p class="kicker">
              {kicker.map((s, i) => (
                <>
                  {i > 0 ? ' › ' : null}
                  <a href={i === kicker.length - 1 ? props.sectionPath : `/${s.slug}/`}>{s.name}</a>
                </>
              ))}
            </p>
            <h1>{article.headline}</h1>
            {article.standfirst ? <p class="standfirst">{article.standfirst}</p> : null}
          </header>
          {photo ? (
            <figure class="main-photo">
              <Picture photo={photo} sizes="(min-width: 44rem) 42rem, 100vw" width={800} eager />
              {photo.caption || photo.credit ? (
                <figcaption>
                  {photo.caption}
                  {photo.credit ? <span class="credit"> {photo.credit}</span> : null}
                </figcaption>
              ) : null}
            </figure>
          ) : null}
          <div class="dateline">
            <p>
              <Time instant={article.publishedAt!} settings={settings} style="dateline" />
            </p>
            {article.updatedAt ? (
              <p>
                Updated <Time instant={article.updatedAt} settings={settings} style="dateline" />
              </p>
            ) : null}
          </div>
          {article.bylines.length > 0 ? (
            <p class="byline">
              By{' '}
              {article.bylines.map((a, i) => (
                <>
                  {nameSeparator(i, article.bylines.length)}
                  <a href={authorPath(a.slug)} rel="author">
                    {a.name}
                  </a>
                </>
              ))}
            </p>
          ) : null}
          <BodyBlocks blocks={article.body} media={props.bodyMedia} />
          {props.corrections.length > 0 ? (
            <section class="corrections" aria-labelledby="corrections">
              <h2 id="corrections">Corrections and clarifications</h2>
              <ul>
                {props.corrections.map((c) => (
                  <li>
                    <strong>{CORRECTION_LABELS[c.kind]}</strong> (
                    <Time instant={c.createdAt} settings={settings} style="dateline" />
                    ): {c.text}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {article.tags.length > 0 ? (
            <footer class="article-topics">
              <h2 class="visually-hidden">Topics</h2>
              <ul class="tags">
                {article.tags.map((t) => (
                  <li>
                    <a href={tagPath(tagSlug(t))}>{t}</a>
                  </li>
                ))}
              </ul>
            </footer>
          ) : null}
        </article>
        <aside class="article-aside" aria-label="More articles">
          <TopArticlesBox title={`Top Articles in ${boxSection.name}`} articles={topInSection} />
          <TopArticlesBox title={`${settings.shortName} ACCESS RANKING`} articles={props.accessRanking} numbered />
          <p class="box-more">
            <a href="/ranking/">More rankings</a>
          </p>
        </aside>
      </div>
      <script src={props.beacon.src} data-article={String(article.id)} data-token={props.beacon.token} defer />
    </Layout>
  );
};
