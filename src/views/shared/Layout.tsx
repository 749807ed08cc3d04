import type { ComponentChildren } from 'preact';
import { feedsOf } from '../../domain/listing-path.js';
import type { Edition } from '../../domain/edition.js';
import type { ReaderLabels } from '../../domain/edition-labels.js';
import { OPENSEARCH_CONTENT_TYPE } from '../../domain/opensearch-description.js';
import { socialMeta, type CardArticle, type CardImage } from '../../domain/social-meta.js';
import { editionWords, type ReaderSettings } from './edition-chrome.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import { Footer } from './Footer.js';
import { Masthead } from './Masthead.js';
import { Navigation } from './Navigation.js';
import { SearchBox } from './SearchBox.js';
import { ThemeContext, Themed, type ThemeComponents } from './Themed.js';
import { Slot, type SlotPage } from './Slot.js';

/** What every page's frame needs: prepared by the server once per content version. */
export interface PageChrome {
  /** The site's settings with the edition's names (and date style) over them. */
  settings: ReaderSettings;
  nav: { name: string; path: string; slug: string }[];
  /** The publication's pages the footer lists (About, Contact…), in the order an admin chose. */
  pages: { title: string; path: string }[];
  cssHref: string;
  /** The phone's Sections menu script: Escape and focus handling (the menu itself works without it). */
  menuScriptHref: string;
  /** The edition the page is in (issue 13); absent: the first edition, in English, at "/". */
  edition?: Edition;
  /** The reader's words in the edition's language; absent: English. */
  labels?: ReaderLabels;
  /** The process's plugins, whose slots the pages render (issue 14); absent: none. */
  plugins?: PluginRegistry;
  /** DATELINE_THEME's stylesheets (after the base one) and the components it replaces; absent: the default design. */
  theme?: { cssHrefs: string[]; components: Partial<ThemeComponents> };
}

const DEFAULT_DESIGN: Partial<ThemeComponents> = {};

interface LayoutProps {
  chrome: PageChrome;
  /** What kind of page this is, for plugins' slots (and its section and article where it has them). */
  page: SlotPage;
  title: string;
  description?: string;
  /** Path of the canonical URL, e.g. "/politics/20260121-7/". */
  canonicalPath?: string;
  /** The nav entry to mark as current. */
  currentSection?: string;
  /** JSON-LD for search engines; serialised safely by the caller (see jsonLd). */
  structuredData?: string;
  robots?: string;
  /**
   * The page's own feeds (a section's, an author's, a tag's), advertised with `<link rel="alternate">` after the
   * site's, which every page advertises; `href` is a path on this site.
   */
  feeds?: { title: string; href: string; type: 'rss' | 'atom' }[];
  /** What a shared link shows beyond the title and description (Open Graph, Twitter); needs canonicalPath. */
  social?: { title?: string; image?: CardImage | null; article?: CardArticle };
  /** Prints this day (in the site's zone) under the masthead: the home page's date line. */
  today?: Date;
  /**
   * The same page in the other editions, and x-default (issue 13): `<link rel="alternate" hreflang>`, this page's
   * own language included. Paths on this site.
   */
  alternates?: { hreflang: string; href: string }[];
  /** The search page's query, which the masthead's search box keeps (issue 15); absent elsewhere. */
  searchQuery?: string;
  children: ComponentChildren;
}

export const Layout = ({
  chrome,
  title,
  description,
  canonicalPath,
  currentSection,
  structuredData,
  robots,
  feeds,
  social,
  today,
  alternates,
  searchQuery,
  page,
  children,
}: LayoutProps) => {
  const { settings } = chrome;
  const words = editionWords(chrome);
  const { labels } = words;
  return (
    <ThemeContext.Provider value={chrome.theme?.components ?? DEFAULT_DESIGN}>
      <html lang={settings.language}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          {/* Both schemes are styled (site.css): the browser may draw its own parts (scrollbars, forms) dark too. */}
          <meta name="color-scheme" content="light dark" />
          <title>{title}</title>
          {description ? <meta name="description" content={description} /> : null}
          {canonicalPath ? <link rel="canonical" href={settings.baseUrl + canonicalPath} /> : null}
          {robots ? <meta name="robots" content={robots} /> : null}
          <link rel="stylesheet" href={chrome.cssHref} />
          {(chrome.theme?.cssHrefs ?? []).map((href) => (
            <link rel="stylesheet" href={href} />
          ))}
          {chrome.nav.length > 0 ? <script src={chrome.menuScriptHref} defer /> : null}
          <link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48" />
          <link rel="icon" href="/icon-192.png" type="image/png" sizes="192x192" />
          <link rel="apple-touch-icon" href="/apple-touch-icon.png" />
          <link rel="manifest" href="/manifest.webmanifest" />
          <link
            rel="search"
            type={OPENSEARCH_CONTENT_TYPE}
            title={settings.publicationName}
            href={words.path('/opensearch.xml')}
          />
          {canonicalPath
            ? socialMeta({
                settings,
                title: social?.title ?? title,
                description: description ?? settings.tagline,
                url: settings.baseUrl + canonicalPath,
                image: social?.image ?? null,
                article: social?.article,
              }).map((m) => <meta {...{ [m.attr]: m.key }} content={m.content} />)
            : null}
          {(alternates ?? []).map((a) => (
            <link rel="alternate" hrefLang={a.hreflang} href={settings.baseUrl + a.href} />
          ))}
          {[...feedsOf(words.home, settings.publicationName), ...(feeds ?? [])].map((f) => (
            <link
              rel="alternate"
              type={f.type === 'rss' ? 'application/rss+xml' : 'application/atom+xml'}
              title={f.title}
              href={settings.baseUrl + f.href}
            />
          ))}
          {structuredData ? (
            <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: structuredData }} />
          ) : null}
          <Slot name="head" chrome={chrome} page={page} />
        </head>
        <body>
          <a class="skip-link" href="#main">
            {labels.skipToContent}
          </a>
          {/* After the skip link, which stays the first thing a keyboard reaches. */}
          <Slot name="body-start" chrome={chrome} page={page} />
          <header class="masthead">
            <Themed name="Masthead" Default={Masthead} props={{ settings, labels, home: words.home, today }} />
            <SearchBox action={words.path('/search')} labels={labels} query={searchQuery} />
            <Themed
              name="Navigation"
              Default={Navigation}
              props={{ nav: chrome.nav, currentSection, label: labels.sections }}
            />
          </header>
          <Slot name="header-after" chrome={chrome} page={page} />
          <main id="main">{children}</main>
          <Themed
            name="Footer"
            Default={Footer}
            props={{
              settings,
              labels,
              nav: chrome.nav,
              pages: chrome.pages,
              links: {
                corrections: words.path('/corrections/'),
                rssFeed: words.path('/feed/'),
                atomFeed: words.path('/feed/atom/'),
              },
            }}
          />
          <Slot name="footer" chrome={chrome} page={page} />
        </body>
      </html>
    </ThemeContext.Provider>
  );
};

/** JSON inside <script>: "</" and U+2028/9 are escaped so no string can close the element or break parsing. */
export const jsonLd = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
