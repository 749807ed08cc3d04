import { pageHref } from '../../domain/listing-path.js';
import { AUTHOR_LINK_KINDS, AUTHOR_LINK_LABELS } from '../../domain/author-links.js';
import { authorDescription, authorPageJsonLd } from '../../domain/listing-data.js';
import type { AuthorPageData } from '../../services/listing-pages.js';
import { jsonLd, Layout, type PageChrome } from '../shared/Layout.js';
import { Picture } from '../shared/Picture.js';
import { ArticleList } from './ArticleList.js';
import { Pagination } from './Pagination.js';

export interface AuthorPageProps {
  chrome: PageChrome;
  profile: AuthorPageData;
  /** "/author/mei-aoki/". */
  path: string;
  /** The author's RSS and Atom feeds. */
  feeds: { title: string; href: string; type: 'rss' | 'atom' }[];
}

/** An author's profile (photo, name, job title, bio, links), then their live articles newest first. */
export const AuthorPage = ({ chrome, profile, path, feeds }: AuthorPageProps) => {
  const { settings } = chrome;
  const { author, page } = profile;
  const title = page > 1 ? `${author.name} — page ${page}` : author.name;
  const links = AUTHOR_LINK_KINDS.flatMap((kind) => {
    const href = author.links[kind];
    return href ? [{ kind, href }] : [];
  });
  return (
    <Layout
      page={{ kind: 'author' }}
      chrome={chrome}
      title={`${title} | ${settings.publicationName}`}
      description={authorDescription(settings, author)}
      canonicalPath={pageHref(path, page)}
      structuredData={jsonLd(authorPageJsonLd(settings, author, page))}
      feeds={feeds}
    >
      <div class="front author-page">
        <header class="front-header author-profile">
          {author.photo ? (
            <div class="author-photo">
              {/* The name is the heading beside it: the photo adds nothing a screen reader should repeat. */}
              <Picture photo={{ ...author.photo, alt: '' }} sizes="8rem" width={400} maxWidth={400} eager />
            </div>
          ) : null}
          <div class="author-text">
            <h1>{author.name}</h1>
            {author.jobTitle ? <p class="author-title">{author.jobTitle}</p> : null}
            {author.bio ? <p class="author-bio">{author.bio}</p> : null}
            {links.length > 0 ? (
              <ul class="author-links">
                {links.map((l) => (
                  <li>
                    <a href={l.href} rel="me">
                      {AUTHOR_LINK_LABELS[l.kind]}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </header>
        <h2 class="author-articles">Articles by {author.name}</h2>
        {profile.articles.length > 0 ? (
          <ArticleList articles={profile.articles} settings={settings} headingLevel={3} showSection />
        ) : (
          <p class="empty">Nothing by {author.name} has been published yet.</p>
        )}
        <Pagination path={path} page={page} totalPages={profile.totalPages} />
      </div>
    </Layout>
  );
};
