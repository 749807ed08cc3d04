import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { defaultEditionSettings } from '../../domain/edition.js';
import { readerLabels } from '../../domain/edition-labels.js';
import { DEFAULT_SETTINGS } from '../../domain/settings.js';
import { Layout, type PageChrome } from './Layout.js';

const chrome: PageChrome = {
  settings: DEFAULT_SETTINGS,
  nav: [],
  pages: [],
  cssHref: '/static/site.css',
  menuScriptHref: '/static/section-menu.js',
};

const page = (props: { searchQuery?: string; chrome?: PageChrome } = {}) =>
  renderToString(
    <Layout chrome={props.chrome ?? chrome} page={{ kind: 'home' }} title="t" searchQuery={props.searchQuery}>
      <p>body</p>
    </Layout>,
  );

describe('the search box in the masthead', () => {
  it('is a plain GET form to /search with a labelled search field and a button', () => {
    const html = page();
    expect(html).toContain(
      '<form role="search" action="/search" method="get">' +
        '<label for="site-search-q" class="visually-hidden">Search for</label>' +
        '<input type="search" id="site-search-q" name="q"/>' +
        '<button type="submit">Search</button></form>',
    );
    // Inside the masthead's <header>, after the masthead itself, so a theme's masthead keeps it.
    expect(html).toMatch(/<header class="masthead"><div class="masthead-inner">.*<\/div><form role="search"/s);
  });

  it("keeps the search page's query, escaped", () => {
    expect(page({ searchQuery: '"fish" & <chips>' })).toContain(
      '<input type="search" id="site-search-q" name="q" value="&quot;fish&quot; &amp; &lt;chips>"/>',
    );
  });

  it("sends a Japanese edition's searches to /ja/search, in Japanese", () => {
    const ja: PageChrome = {
      ...chrome,
      settings: { ...DEFAULT_SETTINGS, language: 'ja' },
      edition: {
        ...defaultEditionSettings('ja', {
          publicationName: '日刊デイトライン',
          shortName: 'DL',
          tagline: '',
          timeZoneLabel: 'JST',
        }),
        id: 2,
        language: 'ja',
        prefix: '/ja/',
        position: 1,
      },
      labels: readerLabels('ja'),
    };
    const html = page({ chrome: ja });
    expect(html).toContain('<form role="search" action="/ja/search" method="get">');
    expect(html).toContain('<label for="site-search-q" class="visually-hidden">検索する言葉</label>');
    expect(html).toContain('<button type="submit">検索</button>');
    expect(html).toContain(
      '<link rel="search" type="application/opensearchdescription+xml" title="Dateline News" href="/ja/opensearch.xml"/>',
    );
  });

  it('names the OpenSearch description in the head', () => {
    expect(page()).toMatch(
      /<head>.*<link rel="search" type="application\/opensearchdescription\+xml" title="Dateline News" href="\/opensearch.xml"\/>.*<\/head>/s,
    );
  });
});
