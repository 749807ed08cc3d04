import { pageHref } from '../../domain/listing-path.js';
import { tagDescription, tagPageJsonLd } from '../../domain/listing-data.js';
import type { TagPageData } from '../../services/listing-pages.js';
import { jsonLd, Layout, type PageChrome } from '../shared/Layout.js';
import { ArticleList } from './ArticleList.js';
import { Pagination } from './Pagination.js';

export interface TagPageProps {
  chrome: PageChrome;
  tag: TagPageData;
  /** "/tag/budget/". */
  path: string;
  /** The tag's RSS and Atom feeds. */
  feeds: { title: string; href: string; type: 'rss' | 'atom' }[];
}

/** Every live article carrying one tag, newest first, a page at a time. */
export const TagPage = ({ chrome, tag, path, feeds }: TagPageProps) => {
  const { settings } = chrome;
  const title = tag.page > 1 ? `${tag.name} — page ${tag.page}` : tag.name;
  return (
    <Layout
      page={{ kind: 'tag' }}
      chrome={chrome}
      title={`${title} | ${settings.publicationName}`}
      description={tagDescription(settings, tag.name)}
      canonicalPath={pageHref(path, tag.page)}
      structuredData={jsonLd(tagPageJsonLd(settings, tag))}
      feeds={feeds}
    >
      <div class="front">
        <header class="front-header">
          <p class="kicker">Topic</p>
          <h1>{tag.name}</h1>
        </header>
        <ArticleList articles={tag.articles} settings={settings} headingLevel={2} showSection />
        <Pagination path={path} page={tag.page} totalPages={tag.totalPages} />
      </div>
    </Layout>
  );
};
