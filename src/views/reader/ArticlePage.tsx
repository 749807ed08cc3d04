import type { ArticleSummary, MediaRef } from '../../domain/article.js';
import { sameAsOf, type Article, type Section } from '../../domain/article.js';
import { bodyText } from '../../domain/body.js';
import type { Correction } from '../../domain/correction.js';
import type { ReaderLabels } from '../../domain/edition-labels.js';
import { cropFileName, cropSize, mediaUrl } from '../../domain/media.js';
import { articlePageJsonLd, authorUrl, homeCrumb, type Crumb } from '../../domain/structured-data.js';
import { authorPath, tagPath } from '../../domain/listing-path.js';
import { shareLinks } from '../../domain/share-links.js';
import { tagSlug } from '../../domain/tag.js';
import type { TranslationLinks } from '../../domain/translation-links.js';
import { editionWords } from '../shared/edition-chrome.js';
import { jsonLd, Layout, type PageChrome } from '../shared/Layout.js';
import { Picture } from '../shared/Picture.js';
import { Time } from '../shared/Time.js';
import type { PluginArticle } from '../../plugins/contract.js';
import { Slot, type SlotPage } from '../shared/Slot.js';
import { BodyBlocks, bodyPluginsOf } from './BodyBlocks.js';
import { ArticleByline, ArticleHeader } from './ArticleHeader.js';
import { Themed } from '../shared/Themed.js';
import { AccessRankingBox } from './AccessRankingBox.js';
import { TopArticlesBox } from './TopArticlesBox.js';
import { BeaconScript, Dynamic, EndLists } from './ArticleDynamic.js';

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
  /** Its live translations, or its source and the source's other translations (issue 13); null: none live. */
  translations: TranslationLinks | null;
  /** "Related" at the article's end, closest in subject first. */
  related: ArticleSummary[];
  /** "More in {Section}" at the foot: the newest others of `boxSection`, none of them in Related. */
  moreInSection: ArticleSummary[];
  /** The view beacon: script URL and the signed token it sends back. */
  beacon: { src: string; token: string };
  /** URL of static/article-page.js: the share sheet and copy-link buttons, and whether the rail may stick. */
  pageScript: string;
  /** The article as plugins' slots get it (toPluginArticle), made only when a slot asks. */
  pluginArticle?: () => PluginArticle;
  /**
   * The parts that change without the article (ArticleDynamic.tsx) as marks, to be filled at each answer: how the
   * page is rendered to be kept (services/article-render.ts). Their props are then not read.
   */
  holes?: boolean;
}

const describe = (article: Article): string => {
  const text = article.standfirst ?? bodyText(article.body);
  return text.length > 160 ? `${text.slice(0, 157).replace(/\s+\S*$/, '')}…` : text;
};

/** Home › section › subsection, as absolute URLs. */
const trailOf = (props: ArticlePageProps): Crumb[] => {
  const { article, chrome } = props;
  const { baseUrl } = chrome.settings;
  const words = editionWords(chrome);
  return [
    homeCrumb(chrome.settings),
    ...(article.parentSection
      ? [{ name: article.parentSection.name, url: baseUrl + words.path(`/${article.parentSection.slug}/`) }]
      : []),
    { name: article.section.name, url: baseUrl + props.sectionPath },
  ];
};

const structuredData = (props: ArticlePageProps): string => {
  const { article, chrome } = props;
  const { baseUrl } = chrome.settings;
  return jsonLd(
    articlePageJsonLd(
      {
        settings: chrome.settings,
        article,
        authors: article.bylines.map((a) => ({
          name: a.name,
          slug: a.slug,
          jobTitle: a.jobTitle,
          sameAs: sameAsOf(a),
        })),
        url: baseUrl + props.canonicalPath,
        description: describe(article),
        corrections: props.corrections,
        translationOf: props.translations?.source ? baseUrl + props.translations.source.path : null,
        translations: (props.translations?.translations ?? []).map((m) => baseUrl + m.path),
      },
      trailOf(props),
    ),
  );
};

/** The shared-link card: the photo's 1200×630 crop and the article's times, section, tags and authors. */
const socialCard = (props: ArticlePageProps) => {
  const { article, chrome } = props;
  const { baseUrl } = chrome.settings;
  const photo = article.mainPhoto;
  return {
    title: article.headline,
    image: photo
      ? {
          url: baseUrl + mediaUrl(photo.mediaId, photo.hash, cropFileName('og')),
          ...cropSize('og', photo),
          alt: photo.alt || photo.caption || article.headline,
        }
      : null,
    article: {
      publishedAt: article.publishedAt!,
      modifiedAt: article.updatedAt ?? article.publishedAt!,
      section: article.section.name,
      tags: article.tags,
      authorUrls: article.bylines.map((a) => authorUrl(chrome.settings, a.slug)),
    },
  };
};

/**
 * Share links that work without JavaScript, and two buttons that need it (the browser's share sheet, copying the
 * address): they start hidden, and article-page.js shows the ones the browser can do, so none is ever dead.
 */
const ShareBox = ({ url, headline, labels }: { url: string; headline: string; labels: ReaderLabels }) => (
  <section class="share" aria-labelledby="article-share" data-share-url={url} data-share-title={headline}>
    <h2 id="article-share">{labels.shareHeading}</h2>
    <ul class="share-links">
      <li hidden data-share="sheet">
        <button type="button">{labels.shareSheet}</button>
      </li>
      {shareLinks(url, headline).map((link) => (
        <li>
          {link.external ? (
            <a href={link.href} target="_blank" rel="noopener">
              {link.name}
              <span class="visually-hidden">{labels.opensInNewTab}</span>
            </a>
          ) : (
            <a href={link.href}>{link.name}</a>
          )}
        </li>
      ))}
      <li hidden data-share="copy">
        <button type="button">{labels.copyLink}</button>
      </li>
    </ul>
    <p class="share-status" role="status"></p>
  </section>
);

/** The article page, in the order of the reference page: headline, photo and caption, dateline, body, boxes. */
export const ArticlePage = (props: ArticlePageProps) => {
  const { chrome, article, boxSection, topInSection } = props;
  const { settings } = chrome;
  const words = editionWords(chrome);
  const { labels } = words;
  const photo = article.mainPhoto;
  const kicker = article.parentSection ? [article.parentSection, article.section] : [article.section];
  const page: SlotPage = {
    kind: 'article',
    section: { name: article.section.name, slug: article.section.slug },
    ...(props.pluginArticle ? { article: props.pluginArticle } : {}),
  };
  return (
    <Layout
      page={page}
      chrome={chrome}
      title={`${article.headline} | ${settings.publicationName}`}
      description={describe(article)}
      canonicalPath={props.canonicalPath}
      currentSection={(article.parentSection ?? article.section).slug}
      structuredData={structuredData(props)}
      social={socialCard(props)}
      alternates={props.translations?.alternates}
    >
      <div class="article-layout">
        <div class="article-main">
          <article class="article">
            <Slot name="article-start" chrome={chrome} page={page} />
            <Themed
              name="ArticleHeader"
              Default={ArticleHeader}
              props={{
                headline: article.headline,
                standfirst: article.standfirst,
                kicker: kicker.map((s, i) => ({
                  name: s.name,
                  path: i === kicker.length - 1 ? props.sectionPath : words.path(`/${s.slug}/`),
                })),
                languages: props.translations?.others ?? [],
                labels,
                customFields: article.customFields,
              }}
            />
            {photo ? (
              <figure class="main-photo">
                <Picture photo={photo} sizes="(min-width: 44rem) 42rem, 100vw" width={800} priority />
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
                  {labels.updated} <Time instant={article.updatedAt} settings={settings} style="dateline" />
                </p>
              ) : null}
            </div>
            <Themed
              name="ArticleByline"
              Default={ArticleByline}
              props={{
                authors: article.bylines.map((a) => ({ name: a.name, path: words.path(authorPath(a.slug)) })),
                labels,
              }}
            />
            <BodyBlocks blocks={article.body} media={props.bodyMedia} plugins={bodyPluginsOf(chrome, page)} />
            {props.corrections.length > 0 ? (
              <section class="corrections" aria-labelledby="corrections">
                <h2 id="corrections">{labels.correctionsHeading}</h2>
                <ul>
                  {props.corrections.map((c) => (
                    <li>
                      <strong>{labels.correctionKinds[c.kind]}</strong> (
                      <Time instant={c.createdAt} settings={settings} style="dateline" />
                      ): {c.text}
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            <Slot name="article-end" chrome={chrome} page={page} />
            {article.tags.length > 0 ? (
              <footer class="article-topics">
                <h2 class="visually-hidden">{labels.topics}</h2>
                <ul class="tags">
                  {article.tags.map((t) => (
                    <li>
                      <a href={words.path(tagPath(tagSlug(t)))}>{t}</a>
                    </li>
                  ))}
                </ul>
              </footer>
            ) : null}
            <ShareBox url={settings.baseUrl + props.canonicalPath} headline={article.headline} labels={labels} />
          </article>
          <Dynamic name="end" holes={props.holes}>
            <EndLists
              related={props.related}
              moreInSection={props.moreInSection}
              boxSection={boxSection}
              boxSectionPath={words.path(`/${boxSection.slug}/`)}
              settings={settings}
              labels={labels}
            />
          </Dynamic>
        </div>
        <aside class="article-aside" aria-label={labels.moreArticles}>
          <Slot name="rail-top" chrome={chrome} page={page} />
          <Dynamic name="top" holes={props.holes}>
            <TopArticlesBox title={words.topArticlesHeading(boxSection.name)} articles={topInSection} />
          </Dynamic>
          <Dynamic name="ranking" holes={props.holes}>
            <AccessRankingBox chrome={chrome} articles={props.accessRanking} />
          </Dynamic>
          <Slot name="rail-bottom" chrome={chrome} page={page} />
        </aside>
      </div>
      <Dynamic name="beacon" holes={props.holes}>
        <BeaconScript src={props.beacon.src} articleId={article.id} token={props.beacon.token} />
      </Dynamic>
      <script src={props.pageScript} defer />
    </Layout>
  );
};
