import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { ArticleSummary, Section } from '../../domain/article.js';
import { DEFAULT_SETTINGS } from '../../domain/settings.js';
import type { PageChrome } from '../shared/Layout.js';
import { SectionFront } from './SectionFront.js';

const chrome: PageChrome = {
  settings: DEFAULT_SETTINGS,
  nav: [{ name: 'Business', path: '/business/', slug: 'business' }],
  pages: [],
  cssHref: '/static/site.css',
  menuScriptHref: '/static/section-menu.js',
};
const business: Section = { id: 1, slug: 'business', name: 'Business', position: 1, parentId: null };

const story = (n: number): ArticleSummary => ({
  id: n,
  headline: `Market story ${n}`,
  standfirst: null,
  path: `/business/20260121-${n}/`,
  publishedAt: new Date(Date.UTC(2026, 0, 21, 12 - n)),
  sectionName: 'Business',
  thumbnail: { mediaId: n, hash: 'abcdef', width: 1000, height: 600, caption: '', credit: null, alt: '' },
});

const front = (page: number) =>
  renderToString(
    <SectionFront
      chrome={chrome}
      front={{ section: business, parent: null, subsections: [], articles: [1, 2, 3].map(story), page, totalPages: 2 }}
      path="/business/"
      subsectionPaths={[]}
    />,
  );

describe('a section front', () => {
  it('leads its first page with the newest story, whose photo alone is fetched first', () => {
    const html = front(1);
    expect(html).toMatch(/<article class="lead-story">.*<h2 class="lead-headline"><a [^>]*>Market story 1</s);
    expect(html.match(/fetchpriority="high"/g)).toHaveLength(1);
    expect(html.match(/loading="lazy"/g)).toHaveLength(2);
    expect(html).not.toMatch(/class="teaser-headline"><a [^>]*>Market story 1</);
  });

  it('lists every story of a later page alike, each photo loaded lazily', () => {
    const html = front(2);
    expect(html).not.toContain('lead-story');
    expect(html).not.toContain('fetchpriority');
    expect(html.match(/class="teaser-headline"/g)).toHaveLength(3);
  });
});
