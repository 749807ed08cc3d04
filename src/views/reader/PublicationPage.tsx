import type { MediaRef } from '../../domain/article.js';
import { bodyText } from '../../domain/body.js';
import { publicationPagePath, type PublicationPage as Page } from '../../domain/publication-page.js';
import { Layout, type PageChrome } from '../shared/Layout.js';
import { Picture } from '../shared/Picture.js';
import { BodyBlocks } from './BodyBlocks.js';

export interface PublicationPageProps {
  chrome: PageChrome;
  page: Page;
  /** Images the body places, by media id. */
  bodyMedia: Map<number, MediaRef>;
}

/** The search description: the body's opening words, cut at a word. */
const describe = (page: Page): string => {
  const text = bodyText(page.body);
  return text.length > 160 ? `${text.slice(0, 157).replace(/\s+\S*$/, '')}…` : text;
};

/** A page of the publication (About, Contact…): its title, an optional photo and its body, read like an article's. */
export const PublicationPage = ({ chrome, page, bodyMedia }: PublicationPageProps) => (
  <Layout
    page={{ kind: 'page' }}
    chrome={chrome}
    title={`${page.title} | ${chrome.settings.publicationName}`}
    description={describe(page)}
    canonicalPath={publicationPagePath(page.slug)}
  >
    <article class="article publication-page">
      <header class="article-header">
        <h1>{page.title}</h1>
      </header>
      {page.photo ? (
        <figure class="main-photo">
          <Picture photo={page.photo} sizes="(min-width: 44rem) 42rem, 100vw" width={800} priority />
          {page.photo.caption || page.photo.credit ? (
            <figcaption>
              {page.photo.caption}
              {page.photo.credit ? <span class="credit"> {page.photo.credit}</span> : null}
            </figcaption>
          ) : null}
        </figure>
      ) : null}
      <BodyBlocks blocks={page.body} media={bodyMedia} />
    </article>
  </Layout>
);
