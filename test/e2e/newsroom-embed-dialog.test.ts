import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccount } from '../../src/services/accounts.js';
import { upsertSectionRow } from '../../src/storage/repositories/section.repository.js';
import { ArticleEditorPageObject } from './pages/newsroom-article-editor-page.js';
import { NewsroomLoginPage } from './pages/newsroom-auth-pages.js';
import { EmbedDialogObject } from './pages/newsroom-embed-dialog.js';
import { PublishedArticlePage } from './pages/newsroom-public-pages.js';
import { seriousOrCritical } from './pages/site-page.js';
import { browserSkipReason, useBrowser } from './support/browser.js';
import { useFixtureServer } from './support/fixture-server.js';

const EDITOR = {
  name: 'Emil Embedder',
  email: 'emil@example.com',
  password: 'correct horse battery staple',
  role: 'editor' as const,
};

/** Headless Chromium names itself HeadlessChrome, which the site takes for a bot: people present a plain Chrome. */
const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const WRITER: BrowserContextOptions = {
  viewport: { width: 1280, height: 900 },
  userAgent: `${CHROME_UA} (embed dialog e2e)`,
};
/** axe-core goes in as an inline script, which the newsroom's Content-Security-Policy rightly forbids. */
const AUDITOR: BrowserContextOptions = { ...WRITER, bypassCSP: true, userAgent: `${CHROME_UA} (embed dialog audit)` };
const READER: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, userAgent: `${CHROME_UA} (reader)` };

const suiteName = `the rich editor's Embed dialog${browserSkipReason ? ` (skipped: ${browserSkipReason})` : ''}`;

describe.skipIf(browserSkipReason !== null)(suiteName, () => {
  const site = useFixtureServer('embed-dialog', async (db) => {
    await upsertSectionRow(db, { slug: 'politics', name: 'Politics', parent_id: null, position: 1 });
    await createAccount(db, EDITOR);
  });
  const browser = useBrowser();
  const newPage = (options: BrowserContextOptions): Promise<Page> => browser.newPage({ ...options, baseURL: site.url });

  /** A new article in the editor, with a headline, a section and the given body; any browser prompt is recorded. */
  const newArticle = async (headline: string, body: string, options = WRITER) => {
    const login = new NewsroomLoginPage(await newPage(options));
    await login.open('/newsroom/login');
    if (login.path().startsWith('/newsroom/login')) await login.signIn(EDITOR);
    const prompts: string[] = [];
    login.page.on('dialog', (d) => {
      prompts.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    const editor = new ArticleEditorPageObject(login.page);
    await editor.openNew();
    await editor.fill({ headline, section: 'politics' });
    await editor.typeBody(body);
    return { editor, embed: new EmbedDialogObject(login.page), prompts };
  };

  it(
    'inserts an embed from the dialog, refuses an address a save would not keep, and Escape changes nothing',
    { timeout: 60_000 },
    async () => {
      const { editor, embed, prompts } = await newArticle('Harbour Crossing Filmed', 'Watch the crossing below.');
      await embed.open();
      expect(await embed.fields()).toEqual({ heading: 'Add an embed', address: '', title: '' });
      expect(await embed.focusedField()).toEqual({ label: 'Address', invalid: null });

      // An address without its scheme stays in the dialog, which says what to add; so does a missing title.
      await embed.fill({ address: 'video.example/crossing', title: 'The crossing at dawn' });
      await embed.confirm();
      expect(await embed.problem()).toBe('Start the address with https:// (https://video.example/crossing).');
      expect(await embed.focusedField()).toEqual({ label: 'Address', invalid: 'true' });
      await embed.fill({ address: '/politics/', title: 'The crossing at dawn' });
      await embed.confirm();
      expect(await embed.problem()).toMatch(/^An embed shows something from another site/);
      await embed.fill({ address: 'https://video.example/crossing', title: '   ' });
      expect(await embed.problem()).toBe('');
      await embed.confirm();
      expect(await embed.problem()).toBe('Write a title: readers see it as the link to what is embedded.');
      expect(await embed.focusedField()).toEqual({ label: 'Title', invalid: 'true' });
      expect(await editor.bodyMarkup()).toBe('Watch the crossing below.');

      await embed.fill({ address: 'https://video.example/crossing', title: 'The crossing at dawn' });
      await embed.confirm();
      await embed.dialog.waitFor({ state: 'detached' });
      expect(await editor.bodyHasFocus()).toBe(true);
      expect(await embed.bodyEmbeds()).toEqual(['Embedded: The crossing at dawn (https://video.example/crossing)']);
      expect(await editor.bodyMarkup()).toBe(
        'Watch the crossing below.\n\n@[The crossing at dawn](https://video.example/crossing)',
      );

      // The embed opens in the dialog as it is; Escape closes it, changing nothing.
      await embed.openEmbed();
      expect(await embed.fields()).toEqual({
        heading: 'Change the embed',
        address: 'https://video.example/crossing',
        title: 'The crossing at dawn',
      });
      await embed.fill({ address: 'https://video.example/other', title: 'Another film' });
      await editor.page.keyboard.press('Escape');
      await embed.dialog.waitFor({ state: 'detached' });
      expect(await editor.bodyHasFocus()).toBe(true);
      expect(await editor.bodyMarkup()).toBe(
        'Watch the crossing below.\n\n@[The crossing at dawn](https://video.example/crossing)',
      );

      // Changed through the dialog, the embed keeps its place.
      await embed.openEmbed();
      await embed.fill({ address: 'https://video.example/crossing?t=30', title: 'The crossing, from the quay' });
      await embed.confirm();
      await embed.dialog.waitFor({ state: 'detached' });
      expect(await editor.bodyMarkup()).toBe(
        'Watch the crossing below.\n\n@[The crossing, from the quay](https://video.example/crossing?t=30)',
      );
      expect(prompts).toEqual([]);

      expect(await editor.press('Publish now')).toBe(200);
      expect(await editor.notices()).toEqual(['Published.']);
      const article = new PublishedArticlePage(await newPage(READER));
      expect(await article.open((await editor.publicPath())!)).toBe(200);
      expect(await article.bodyLinks()).toEqual([
        {
          text: 'The crossing, from the quay',
          href: 'https://video.example/crossing?t=30',
          target: null,
          rel: 'noopener noreferrer',
        },
      ]);
    },
  );

  it('has no serious or critical accessibility violations with the Embed dialog open, or after a refused address', async () => {
    const { editor, embed } = await newArticle('Tide Tables Online', 'The tide tables are online.', AUDITOR);
    await embed.open();
    expect(seriousOrCritical(await editor.accessibilityViolations())).toEqual([]);
    await embed.fill({ address: 'javascript:alert(1)', title: 'Tides' });
    await embed.confirm();
    expect(await embed.problem()).toMatch(/^An embed shows something from another site/);
    expect(seriousOrCritical(await editor.accessibilityViolations())).toEqual([]);
  });
});
