import type { BrowserContextOptions } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadNewsroomFixture, REFERENCE_PARAGRAPHS } from '../fixtures/newsroom.js';
import { ArticlePageObject } from './pages/article-page.js';
import { ErrorPageObject } from './pages/error-page.js';
import { HomePageObject } from './pages/home-page.js';
import { SectionFrontPageObject } from './pages/section-front-page.js';
import { seriousOrCritical, SitePage, type ImageInfo } from './pages/site-page.js';
import { browserSkipReason, useBrowser } from './support/browser.js';
import { useFixtureServer } from './support/fixture-server.js';

const HEADLINE = 'Defence Chiefs of Two Neighbours Plan Talks to Mend Ties';
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};
/** axe-core is injected as an inline script, which the site's Content-Security-Policy rightly forbids. */
const AUDIT: BrowserContextOptions = { ...DESKTOP, bypassCSP: true };

const brokenImages = (images: ImageInfo[]): ImageInfo[] =>
  images.filter((i) => !(Number(i.width) > 0 && Number(i.height) > 0 && i.naturalWidth > 0));

const suiteName = `the reader site in a browser${browserSkipReason ? ` (skipped: ${browserSkipReason})` : ''}`;

describe.skipIf(browserSkipReason !== null)(suiteName, () => {
  const site = useFixtureServer('reader', loadNewsroomFixture);
  const browser = useBrowser();
  const articlePath = () => `/politics/defense-security/20260121-${site.fixture.reference}/`;
  const newPage = (options: BrowserContextOptions) => browser.newPage({ ...options, baseURL: site.url });

  const pages: [string, () => string, number][] = [
    ['the article page', articlePath, 200],
    ['a section front', () => '/politics/', 200],
    ['the home page', () => '/', 200],
    ['a 404 page', () => '/politics/20260121-999999/', 404],
  ];

  it.each(pages)('%s has no serious or critical accessibility violations', async (_name, path, status) => {
    const site = new SitePage(await newPage(AUDIT));
    expect(await site.open(path())).toBe(status);
    expect(seriousOrCritical(await site.accessibilityViolations())).toEqual([]);
  });

  it.each(pages)('%s does not scroll sideways on a 360 px wide phone', async (_name, path, status) => {
    const site = new SitePage(await newPage(PHONE));
    expect(await site.open(path())).toBe(status);
    const width = await site.scrollWidth();
    expect(width, `too wide: ${(await site.elementsWiderThan(360)).join(', ')}`).toBeLessThanOrEqual(360);
  });

  it.each(pages.slice(0, 3))('%s sizes its images with width and height, and every one loads', async (_name, path) => {
    const site = new SitePage(await newPage(DESKTOP));
    await site.open(path());
    const images = await site.images();
    expect(brokenImages(images)).toEqual([]);
  });

  describe('the article page', () => {
    it('shows its photo', async () => {
      const article = new ArticlePageObject(await newPage(DESKTOP));
      await article.open(articlePath());
      const images = await article.images();
      expect(images.map((i) => i.alt)).toContain('A minister at a lectern');
      expect(await article.photoCaption()).toContain('A defence minister speaks to reporters');
    });

    it('renders headline, dateline and all eight paragraphs with JavaScript disabled', async () => {
      const article = new ArticlePageObject(await newPage({ ...DESKTOP, javaScriptEnabled: false }));
      expect(await article.open(articlePath())).toBe(200);
      expect(await article.headline()).toBe(HEADLINE);
      expect(await article.dateline()).toEqual(['13:01 JST, January 21, 2026']);
      expect(await article.byline()).toBe('By Tom Baker and Mei Aoki');
      expect(await article.bodyParagraphs()).toEqual(REFERENCE_PARAGRAPHS);
    });

    it('lists five other Politics headlines in its Top Articles box', async () => {
      const article = new ArticlePageObject(await newPage(DESKTOP));
      await article.open(articlePath());
      expect(await article.topArticlesTitle()).toBe('Top Articles in Politics');
      const headlines = await article.topArticles();
      expect(headlines).toHaveLength(5);
      expect(headlines).not.toContain(HEADLINE);
    });

    it.each([
      ['desktop', DESKTOP],
      ['mobile', PHONE],
    ])('is saved as a %s screenshot in test-results/e2e for people to look at', async (width, options) => {
      const article = new ArticlePageObject(await newPage(options));
      await article.open(articlePath());
      await article.images();
      await article.page.evaluate(() =>
        (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
      );
      expect(await article.screenshot(`article-${width}`)).toMatch(/article-(desktop|mobile)\.png$/);
    });
  });

  describe('a section front', () => {
    it('names the section and lists its teasers', async () => {
      const front = new SectionFrontPageObject(await newPage(DESKTOP));
      expect(await front.open('/politics/')).toBe(200);
      expect(await front.sectionName()).toBe('Politics');
      expect(await front.subsections()).toEqual(['Defense & Security']);
      expect((await front.teaserHeadlines()).length).toBeGreaterThan(0);
    });
  });

  describe('the home page', () => {
    it('leads with the first curated top story', async () => {
      const home = new HomePageObject(await newPage(DESKTOP));
      expect(await home.open('/')).toBe(200);
      expect(await home.leadHeadline()).toBe(HEADLINE);
      expect(await home.sectionBlocks()).toEqual(expect.arrayContaining(['Politics', 'Business']));
    });
  });

  describe('a 404 page', () => {
    it('says what went wrong and keeps the way back into the site', async () => {
      const error = new ErrorPageObject(await newPage(DESKTOP));
      expect(await error.open('/politics/20260121-999999/')).toBe(404);
      expect(await error.status()).toMatch(/404/);
      expect(await error.heading()).toBe('Article not found');
      expect(await error.homeLink()).toBe('/');
      expect(await error.sectionLinks()).toContain('Politics');
    });
  });
});
