import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccount } from '../../src/services/accounts.js';
import { upsertSectionRow } from '../../src/storage/repositories/section.repository.js';
import { ArticleEditorPageObject } from './pages/newsroom-article-editor-page.js';
import { NewsroomLoginPage } from './pages/newsroom-auth-pages.js';
import { PublishedArticlePage } from './pages/newsroom-public-pages.js';
import { seriousOrCritical } from './pages/site-page.js';
import { browserSkipReason, useBrowser } from './support/browser.js';
import { useFixtureServer } from './support/fixture-server.js';

const EDITOR = {
  name: 'Eden Editor',
  email: 'eden@example.com',
  password: 'correct horse battery staple',
  role: 'editor' as const,
};

/** Headless Chromium names itself HeadlessChrome, which the site takes for a bot: people present a plain Chrome. */
const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
/**
 * The editor's browser runs on New York time while the site is in Tokyo (the default settings): a time the page
 * prints in JST came from the site's zone, not from the browser's clock.
 */
const WRITER: BrowserContextOptions = {
  viewport: { width: 1280, height: 900 },
  timezoneId: 'America/New_York',
  userAgent: `${CHROME_UA} (editor tools e2e)`,
};
const WRITER_WITHOUT_JS: BrowserContextOptions = {
  ...WRITER,
  javaScriptEnabled: false,
  userAgent: `${CHROME_UA} (editor tools e2e, no JavaScript)`,
};
/** axe-core goes in as an inline script, which the newsroom's Content-Security-Policy rightly forbids. */
const AUDITOR: BrowserContextOptions = { ...WRITER, bypassCSP: true, userAgent: `${CHROME_UA} (editor tools audit)` };
const READER: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, userAgent: `${CHROME_UA} (reader)` };

const suiteName = `the rich editor's links, quotes and kept text${browserSkipReason ? ` (skipped: ${browserSkipReason})` : ''}`;

describe.skipIf(browserSkipReason !== null)(suiteName, () => {
  const site = useFixtureServer('editor-tools', async (db) => {
    await upsertSectionRow(db, { slug: 'politics', name: 'Politics', parent_id: null, position: 1 });
    await createAccount(db, EDITOR);
  });
  const browser = useBrowser();
  const newPage = (options: BrowserContextOptions): Promise<Page> => browser.newPage({ ...options, baseURL: site.url });

  const editorIn = async (options: BrowserContextOptions = WRITER): Promise<ArticleEditorPageObject> => {
    const login = new NewsroomLoginPage(await newPage(options));
    await login.open('/newsroom/login');
    if (login.path().startsWith('/newsroom/login')) await login.signIn(EDITOR);
    return new ArticleEditorPageObject(login.page);
  };

  /** A new article with a headline, a section and the given body typed in the rich editor. */
  const newArticle = async (headline: string, body: string): Promise<ArticleEditorPageObject> => {
    const editor = await editorIn();
    await editor.openNew();
    await editor.fill({ headline, section: 'politics' });
    await editor.typeBody(body);
    return editor;
  };

  it(
    'links chosen words from the Link dialog, in a new tab, and the published article keeps the link',
    { timeout: 60_000 },
    async () => {
      const editor = await newArticle('Harbour Report Out on Monday', 'Read the harbour report before the vote.');
      await editor.selectInBody('the harbour report');
      await editor.openLinkDialog();
      expect(await editor.linkDialogFields()).toEqual({ title: 'Add a link', address: '', newTab: false });
      // An address without its scheme is refused in the dialog, which stays open and says what to add.
      await editor.fillLink({ address: 'harbour.example/report', newTab: true });
      await editor.confirmLink();
      expect(await editor.linkProblem()).toBe('Start the address with https:// (https://harbour.example/report).');
      expect(await editor.linkDialog.isVisible()).toBe(true);
      await editor.fillLink({ address: 'https://harbour.example/report', newTab: true });
      await editor.confirmLink();
      await editor.linkDialog.waitFor({ state: 'detached' });
      expect(await editor.bodyHasFocus()).toBe(true);
      expect(await editor.bodyLinks()).toEqual([
        { text: 'the harbour report', href: 'https://harbour.example/report', target: '_blank' },
      ]);
      expect(await editor.bodyMarkup()).toBe(
        'Read [the harbour report](https://harbour.example/report new-tab) before the vote.',
      );

      // The link at the cursor opens in the dialog as it is; Escape closes it, changing nothing.
      await editor.selectInBody('harbour');
      await editor.openLinkDialog();
      expect(await editor.linkDialogFields()).toEqual({
        title: 'Change the link',
        address: 'https://harbour.example/report',
        newTab: true,
      });
      await editor.page.keyboard.press('Escape');
      await editor.linkDialog.waitFor({ state: 'detached' });
      expect(await editor.bodyHasFocus()).toBe(true);
      expect(await editor.bodyMarkup()).toBe(
        'Read [the harbour report](https://harbour.example/report new-tab) before the vote.',
      );

      expect(await editor.press('Publish now')).toBe(200);
      expect(await editor.notices()).toEqual(['Published.']);
      const article = new PublishedArticlePage(await newPage(READER));
      expect(await article.open((await editor.publicPath())!)).toBe(200);
      expect(await article.bodyLinks()).toEqual([
        {
          text: 'the harbour report',
          href: 'https://harbour.example/report',
          target: '_blank',
          rel: 'noopener noreferrer',
        },
      ]);
    },
  );

  it('turns straight quotes typed in the body into typographic ones, which a save keeps', async () => {
    const editor = await newArticle('Ferry Crew Ready', 'The captain said "it\'s ready" and left.');
    expect(await editor.bodyBlocks()).toEqual(['The captain said \u201Cit\u2019s ready\u201D and left.']);
    expect(await editor.press('Save')).toBe(200);
    expect(await editor.bodyBlocks()).toEqual(['The captain said \u201Cit\u2019s ready\u201D and left.']);
    expect(await editor.bodyMarkup()).toBe('The captain said \u201Cit\u2019s ready\u201D and left.');
    // Backspace straight after gives the straight mark back.
    await editor.typeBody("\nHeight 6'");
    await editor.page.keyboard.press('Backspace');
    expect((await editor.bodyBlocks())[1]).toBe("Height 6'");
  });

  it("offers text kept in this browser only when it differs from the form, at a time in the site's zone", async () => {
    const editor = await newArticle('Night Market Returns', 'Stalls open at six.');
    expect(await editor.press('Save')).toBe(200);
    const id = (await editor.articleId())!;

    // Typing that ends where it began keeps nothing and offers nothing.
    await editor.openArticle(id);
    await editor.typeBody(' Soon');
    await editor.page.keyboard.press('Backspace');
    await editor.page.keyboard.press('Backspace');
    await editor.page.keyboard.press('Backspace');
    await editor.page.keyboard.press('Backspace');
    await editor.page.keyboard.press('Backspace');
    expect(await editor.bodyBlocks()).toEqual(['Stalls open at six.']);
    await editor.page.waitForTimeout(800);
    expect(await editor.hasBrowserCopy()).toBe(false);
    await editor.reload();
    expect(await editor.notices()).toEqual([]);

    // Text the form does not show is offered back, with when it was typed, in the site's zone (JST).
    await editor.typeBody('\nThe river path is lit.');
    await editor.awaitBrowserCopyOf('The river path is lit.');
    await editor.reload();
    expect(await editor.bodyBlocks()).toEqual(['Stalls open at six.']);
    expect(await editor.notice()).toMatch(
      /^This browser kept unsaved text from \d\d:\d\d JST, [A-Z][a-z]+ \d{1,2}, \d{4}\./,
    );
    await editor.restoreBrowserCopy();
    expect(await editor.bodyBlocks()).toEqual(['Stalls open at six.', 'The river path is lit.']);
  });

  it('tells what each body editor takes, and sets the standfirst in the font of the other fields', async () => {
    const rich = await editorIn();
    await rich.openNew();
    const [richHint, ...moreRich] = await rich.visibleBodyHints();
    expect(moreRich).toEqual([]);
    expect(richHint).toMatch(/^Format with the toolbar/);
    expect(richHint).toContain('Markup such as ## or **…** is not read here');
    expect(await rich.fieldFont('standfirst')).toBe(await rich.fieldFont('headline'));

    const plain = await editorIn(WRITER_WITHOUT_JS);
    await plain.openNew();
    const [plainHint, ...morePlain] = await plain.visibleBodyHints();
    expect(morePlain).toEqual([]);
    expect(plainHint).toMatch(/^Plain markup, as this box is the editor without JavaScript/);
    expect(plainHint).toContain('[words](https://link new-tab)');
  });

  it('has no serious or critical accessibility violations with the Link dialog open, or after a refused address', async () => {
    const editor = await editorIn(AUDITOR);
    await editor.openNew();
    await editor.typeBody('The tide tables are online.');
    await editor.selectInBody('tide tables');
    await editor.openLinkDialog();
    expect(seriousOrCritical(await editor.accessibilityViolations())).toEqual([]);
    await editor.fillLink({ address: 'javascript:alert(1)' });
    await editor.confirmLink();
    expect(await editor.linkProblem()).toMatch(/^Use an address starting with https:\/\//);
    expect(seriousOrCritical(await editor.accessibilityViolations())).toEqual([]);
  });
});
