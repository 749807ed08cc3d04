import type { BrowserContextOptions } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { paragraph } from '../../src/domain/body.js';
import { saveArticle } from '../../src/services/save-article.js';
import { writePublicationPage } from '../../src/services/save-publication-page.js';
import type { Db } from '../../src/storage/database.js';
import { upsertSectionRow } from '../../src/storage/repositories/section.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, REFERENCE_PARAGRAPHS } from '../fixtures/newsroom.js';
import { ArticlePageObject } from './pages/article-page.js';
import { ErrorPageObject } from './pages/error-page.js';
import { HomePageObject } from './pages/home-page.js';
import { SectionFrontPageObject } from './pages/section-front-page.js';
import { SectionMenu } from './pages/section-menu.js';
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
/** The phone the issue names: 390 px wide. */
const PHONE_390: BrowserContextOptions = { ...PHONE, viewport: { width: 390, height: 844 } };
/** axe-core is injected as an inline script, which the site's Content-Security-Policy rightly forbids. */
const AUDIT: BrowserContextOptions = { ...DESKTOP, bypassCSP: true };
const AUDIT_DARK: BrowserContextOptions = { ...AUDIT, colorScheme: 'dark' };
const AUDIT_PHONE_DARK: BrowserContextOptions = { ...PHONE_390, bypassCSP: true, colorScheme: 'dark' };

/** Seven sections, as the demo paper has, the most a 390 px line cannot hold; and an About page. */
const EXTRA_SECTIONS = [
  { slug: 'society', name: 'Society' },
  { slug: 'science-nature', name: 'Science & Nature' },
  { slug: 'culture', name: 'Culture' },
  { slug: 'world', name: 'World' },
];
const SECTION_NAMES = ['Politics', 'Business', 'Sports', ...EXTRA_SECTIONS.map((s) => s.name)];

const loadReaderFixture = async (db: Db) => {
  const ids = await loadNewsroomFixture(db);
  const added: number[] = [];
  for (const [i, s] of EXTRA_SECTIONS.entries()) {
    added.push(await upsertSectionRow(db, { ...s, parent_id: null, position: 10 + i }));
  }
  // One story in World: the home page then has three section blocks, the last one alone in its row.
  await saveArticle(
    db,
    null,
    {
      slug: 'ferry-timetable',
      headline: 'Island ferry keeps its winter timetable',
      standfirst: null,
      body: [paragraph('The ferry company will run its winter timetable until the end of March.')],
      sectionId: added[3]!,
      authorIds: [],
      tags: [],
      photo: null,
      status: 'published',
      publishedAt: new Date('2026-01-20T03:00:00Z'),
      updatedAt: null,
    },
    FIXTURE_NOW,
  );
  await writePublicationPage(
    db,
    null,
    {
      slug: 'about',
      title: 'About us',
      body: [paragraph('A small newsroom writing about the places its readers live in.')],
      photo: null,
      status: 'published',
    },
    { now: FIXTURE_NOW, savedBy: null, footerPosition: 1 },
  );
  return ids;
};

const brokenImages = (images: ImageInfo[]): ImageInfo[] =>
  images.filter((i) => !(Number(i.width) > 0 && Number(i.height) > 0 && i.naturalWidth > 0));

const suiteName = `the reader site in a browser${browserSkipReason ? ` (skipped: ${browserSkipReason})` : ''}`;

describe.skipIf(browserSkipReason !== null)(suiteName, () => {
  const site = useFixtureServer('reader', loadReaderFixture);
  const browser = useBrowser();
  const articlePath = () => `/politics/defense-security/20260121-${site.fixture.reference}/`;
  const newPage = (options: BrowserContextOptions) => browser.newPage({ ...options, baseURL: site.url });

  const pages: [string, () => string, number][] = [
    ['the article page', articlePath, 200],
    ['a section front', () => '/politics/', 200],
    ['the home page', () => '/', 200],
    ['a 404 page', () => '/politics/20260121-999999/', 404],
    ['a page of the publication', () => '/about/', 200],
    ['the ranking page', () => '/ranking/', 200],
  ];

  it.each(pages)('%s has no serious or critical accessibility violations', async (_name, path, status) => {
    const site = new SitePage(await newPage(AUDIT));
    expect(await site.open(path())).toBe(status);
    expect(seriousOrCritical(await site.accessibilityViolations())).toEqual([]);
  });

  /** What a reader meets on a phone: the pages the issue names, each with the masthead's sections. */
  const phonePages: [string, () => string][] = [
    ['the home page', () => '/'],
    ['a section front', () => '/politics/'],
    ['the article page', articlePath],
    ['a page of the publication', () => '/about/'],
    ['the ranking page', () => '/ranking/'],
  ];

  describe('in the dark colour scheme', () => {
    it.each(pages)(
      '%s is dark and has no serious or critical accessibility violations',
      async (_name, path, status) => {
        const site = new SitePage(await newPage(AUDIT_DARK));
        expect(await site.open(path())).toBe(status);
        // Dark paper, light ink: the scheme took effect, so axe measures the dark colours.
        expect((await site.colours()).background).toBe('rgb(22, 21, 19)');
        expect(seriousOrCritical(await site.accessibilityViolations())).toEqual([]);
      },
    );

    it('keeps contrast in the open Sections menu on a phone', async () => {
      const site = new SitePage(await newPage(AUDIT_PHONE_DARK));
      expect(await site.open('/politics/')).toBe(200);
      await new SectionMenu(site.page).tap();
      expect(seriousOrCritical(await site.accessibilityViolations())).toEqual([]);
    });

    it('is light by default', async () => {
      const site = new SitePage(await newPage(DESKTOP));
      await site.open('/');
      expect((await site.colours()).background).toBe('rgb(255, 253, 248)');
    });
  });

  describe('the Sections menu on a 390 px phone', () => {
    it.each(phonePages)(
      'on %s, opens without JavaScript and shows every section on screen, with nothing scrolling sideways',
      async (_name, path) => {
        const menu = new SectionMenu(await newPage({ ...PHONE_390, javaScriptEnabled: false }));
        const site = new SitePage(menu.page);
        expect(await site.open(path())).toBe(200);
        expect(await menu.stripVisible()).toBe(false);
        expect(await menu.summaryVisible()).toBe(true);
        expect(await menu.shownLinks()).toEqual([]);
        await menu.tap();
        expect(await menu.isOpen()).toBe(true);
        const links = await menu.shownLinks();
        expect(links.map((l) => l.name)).toEqual(SECTION_NAMES);
        expect(links.filter((l) => l.left < 0 || l.right > 390)).toEqual([]);
        const width = await site.scrollWidth();
        expect(width, `too wide: ${(await site.elementsWiderThan(390)).join(', ')}`).toBeLessThanOrEqual(390);
      },
    );

    it('takes a reader to a section with a tap', async () => {
      const menu = new SectionMenu(await newPage({ ...PHONE_390, javaScriptEnabled: false }));
      await new SitePage(menu.page).open('/');
      await menu.tap();
      await menu.page.getByRole('link', { name: 'Science & Nature' }).first().click();
      await menu.page.waitForURL('**/science-nature/');
      expect(await new SectionFrontPageObject(menu.page).sectionName()).toBe('Science & Nature');
    });

    it('opens from the keyboard, lets Tab reach the sections, and closes on Escape with focus back on it', async () => {
      const menu = new SectionMenu(await newPage(PHONE_390));
      await new SitePage(menu.page).open('/');
      await menu.focusSummary();
      await menu.press('Enter');
      expect(await menu.isOpen()).toBe(true);
      await menu.press('Tab');
      expect(await menu.focused()).toBe('a Politics');
      await menu.press('Escape');
      expect(await menu.isOpen()).toBe(false);
      expect(await menu.focused()).toBe('summary Sections');
    });

    it('closes when focus moves on past its last section', async () => {
      const menu = new SectionMenu(await newPage(PHONE_390));
      await new SitePage(menu.page).open('/');
      await menu.focusSummary();
      await menu.press('Enter');
      for (let i = 0; i < SECTION_NAMES.length; i++) await menu.press('Tab');
      expect(await menu.focused()).toBe('a World');
      await menu.press('Tab');
      expect(await menu.isOpen()).toBe(false);
    });

    it('is a plain strip of every section on a wide screen', async () => {
      const menu = new SectionMenu(await newPage(DESKTOP));
      await new SitePage(menu.page).open('/');
      expect(await menu.summaryVisible()).toBe(false);
      expect((await menu.shownLinks()).map((l) => l.name)).toEqual(SECTION_NAMES);
    });
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
      // Chromium takes the <picture>'s first source, AVIF, and decodes it.
      const photo = images.find((i) => i.alt === 'A minister at a lectern')!;
      expect([photo.src.endsWith('.avif'), photo.naturalWidth > 0]).toEqual([true, true]);
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

    it('has the access ranking and Latest beside the top stories', async () => {
      const home = new HomePageObject(await newPage(DESKTOP));
      await home.open('/');
      expect(await home.railBoxes()).toEqual(['DN ACCESS RANKING', 'Latest']);
      const { topStories, rail } = await home.topStoriesAndRail();
      expect(rail.left).toBeGreaterThan(topStories.right);
      expect(rail.top).toBeCloseTo(topStories.top, 0);
    });

    it('gives an odd last section block the whole row', async () => {
      const home = new HomePageObject(await newPage(DESKTOP));
      await home.open('/');
      expect(await home.sectionBlocks()).toEqual(['Politics', 'Business', 'World']);
      const { blocks, grid } = await home.sectionBlockWidths();
      expect(blocks[0]).toBeLessThan(grid / 2);
      expect(blocks[2]).toBeCloseTo(grid, 0);
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
