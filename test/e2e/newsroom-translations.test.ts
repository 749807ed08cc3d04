import type { BrowserContextOptions } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { paragraph } from '../../src/domain/body.js';
import { createAccount } from '../../src/services/accounts.js';
import { saveEdition } from '../../src/services/edition-admin.js';
import { saveArticle } from '../../src/services/save-article.js';
import { upsertSectionRow } from '../../src/storage/repositories/section.repository.js';
import { NewsroomLoginPage } from './pages/newsroom-auth-pages.js';
import { TranslatingEditorPage } from './pages/newsroom-translating-editor-page.js';
import { seriousOrCritical } from './pages/site-page.js';
import { browserSkipReason, useBrowser } from './support/browser.js';
import { useFixtureServer } from './support/fixture-server.js';

const EDITOR = { email: 'eden@example.com', password: 'correct horse battery staple', name: 'Eden Editor' };
const ADMIN = { email: 'owner@example.com', password: 'correct horse battery staple', name: 'Olive Owner' };
const SOURCE = {
  headline: 'Ferry Timetable Adds a Late Sailing',
  body: ['The last boat now leaves the harbour at 23:40.', 'The change starts in April.'],
};
const TRANSLATION = { headline: 'フェリーに深夜便', body: '最終便は23時40分に出港する。' };

const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const DESKTOP: BrowserContextOptions = {
  viewport: { width: 1366, height: 900 },
  userAgent: `${CHROME_UA} (newsroom translations e2e)`,
};

/** A phone, for the pages' layout at 390 px; axe-core goes in as an inline script, which the CSP forbids. */
const PHONE_AUDIT: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  userAgent: `${CHROME_UA} (newsroom translations phone audit)`,
  bypassCSP: true,
};

const suiteName = `translating in the newsroom${browserSkipReason ? ` (skipped: ${browserSkipReason})` : ''}`;

describe.skipIf(browserSkipReason !== null)(suiteName, () => {
  // An English paper with one live story, a Japanese edition with nothing in it yet, and an editor.
  const site = useFixtureServer('translations', async (db) => {
    const section = await upsertSectionRow(db, { slug: 'business', name: 'Business', parent_id: null, position: 1 });
    const japanese = await saveEdition(db, null, {
      language: 'ja',
      prefix: '/ja/',
      publicationName: 'デイトライン',
      shortName: 'DL',
      tagline: '',
    });
    await createAccount(db, { ...EDITOR, role: 'editor' });
    await createAccount(db, { ...ADMIN, role: 'admin' });
    const at = new Date(Date.now() - 3_600_000);
    return {
      japanese,
      source: await saveArticle(db, null, {
        slug: 'ferry-timetable',
        headline: SOURCE.headline,
        standfirst: null,
        body: SOURCE.body.map(paragraph),
        sectionId: section,
        authorIds: [],
        tags: [],
        photo: null,
        status: 'published',
        publishedAt: at,
        updatedAt: null,
      }),
    };
  });
  const browser = useBrowser();
  /** The translation the first test makes; the second looks at its pages. */
  let translationId: number;

  it('translates a story, writes the translation with the source beside it, and publishes it', async () => {
    const login = new NewsroomLoginPage(await browser.newPage({ ...DESKTOP, baseURL: site.url }));
    await login.open('/newsroom/login');
    await login.signIn(EDITOR);
    const editor = new TranslatingEditorPage(login.page);
    await editor.openArticle(site.fixture.source);
    expect(await editor.edition()).toBe('Dateline News (en)');

    expect(await editor.translateInto('デイトライン (ja)')).toBe(200);
    translationId = (await editor.articleId())!;
    expect(translationId).not.toBe(site.fixture.source);
    expect(await editor.status()).toBe('Draft');
    expect(await editor.edition()).toBe('デイトライン (ja)');
    // The draft starts from the source's text; the source itself stands beside the form, to its right.
    expect(await editor.fieldValue('headline')).toBe(SOURCE.headline);
    const source = await editor.sourceText();
    expect(source?.headline).toBe(SOURCE.headline);
    for (const line of SOURCE.body) expect(source?.text).toContain(line);
    const { form, source: beside } = await editor.layout();
    expect(beside.x).toBeGreaterThanOrEqual(form.x + form.width);
    expect(beside.y).toBeLessThan(form.y + form.height / 2);
    await editor.screenshot('newsroom-translation-beside-its-source');
    // It folds away and back without leaving the page.
    await editor.toggleSource();
    expect(await editor.sourceVisible()).toBe(false);
    await editor.toggleSource();
    expect(await editor.sourceVisible()).toBe(true);

    await editor.fill({ headline: TRANSLATION.headline });
    await editor.replaceBody(TRANSLATION.body);
    expect(await editor.press('Publish now')).toBe(200);
    expect(await editor.status()).toBe('Published');
    expect(await editor.bodyBlocks()).toEqual([TRANSLATION.body]);
    expect(await editor.publicPath()).toMatch(new RegExp(`^/ja/business/\\d{8}-${translationId}/$`));
    expect(await editor.linked()).toEqual([
      expect.stringContaining(`Source in Dateline News (en): ${SOURCE.headline}`),
    ]);

    // The source lists its translation, live, with a link to its editor.
    await editor.openLinked(SOURCE.headline);
    expect(await editor.articleId()).toBe(site.fixture.source);
    expect(await editor.sourceText()).toBeNull();
    expect(await editor.linked()).toEqual([
      expect.stringContaining(`Translation in デイトライン (ja): ${TRANSLATION.headline} (Published)`),
    ]);
  });

  it('lays out the translation’s editor and the edition pages on a phone without sideways scroll or axe violations', async () => {
    const login = new NewsroomLoginPage(await browser.newPage({ ...PHONE_AUDIT, baseURL: site.url }));
    await login.open('/newsroom/login');
    await login.signIn(ADMIN);
    const page = new TranslatingEditorPage(login.page);
    const problems: string[] = [];
    for (const path of [
      `/newsroom/articles/${translationId}`,
      `/newsroom/articles/${site.fixture.source}`,
      '/newsroom/articles',
      '/newsroom/editions',
      `/newsroom/editions/${site.fixture.japanese}`,
      `/newsroom/editions/${site.fixture.japanese}/sections`,
    ]) {
      expect(await page.open(path), path).toBe(200);
      const [scrollWidth, innerWidth] = [await page.scrollWidth(), await page.innerWidth()];
      if (scrollWidth > innerWidth)
        problems.push(`${path}: ${scrollWidth} px wide: ${(await page.elementsWiderThan(innerWidth)).join(', ')}`);
      problems.push(...seriousOrCritical(await page.accessibilityViolations()).map((v) => `${path}: ${v}`));
    }
    expect(problems).toEqual([]);
  });
});
