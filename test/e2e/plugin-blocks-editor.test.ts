import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { h } from 'preact';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig, type Config } from '../../src/config.js';
import type { DatelinePlugin } from '../../src/plugins/contract.js';
import { createPluginRegistry } from '../../src/plugins/registry.js';
import { startWorker, type RunningServer } from '../../src/server/main.js';
import { createAccount } from '../../src/services/accounts.js';
import { createStorage } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { findArticleRow } from '../../src/storage/repositories/article.repository.js';
import { upsertSectionRow } from '../../src/storage/repositories/section.repository.js';
import { NewsroomLoginPage } from './pages/newsroom-auth-pages.js';
import { PublishedArticlePage } from './pages/newsroom-public-pages.js';
import { PluginBlockEditorPage } from './pages/plugin-block-editor-page.js';
import { browserSkipReason, screenshotPath, useBrowser } from './support/browser.js';

/**
 * Plugins' body blocks in the rich editor, in Chromium (issue 14): a test plugin's "Fact box" inserted from the
 * toolbar, its form filled from the keyboard, stored as { type, ...data }, drawn on the article page and found again
 * in the form; a block whose plugin is not loaded (a second server over the same data, without that plugin) shown
 * read-only and kept; the plain editor's ::type{json} line; axe and a phone's width with a block in the editor; and
 * a kept copy of the form giving back a custom field's checkbox ticked (or not) as it was.
 */
const factBoxes: DatelinePlugin = {
  name: 'fact-boxes',
  version: '1.0.0',
  fields: [{ name: 'exclusive', label: 'Exclusive', type: 'boolean' }],
  blocks: [
    {
      type: 'fact-box',
      schema: z.object({
        title: z.string().min(1),
        figure: z.number().optional(),
        confirmed: z.boolean().default(false),
        sources: z.array(z.string()).optional(),
      }),
      render: (data: { title: string; figure?: number; confirmed: boolean }) =>
        h(
          'aside',
          { class: 'fact-box', 'data-confirmed': String(data.confirmed) },
          `${data.title}: ${data.figure ?? '?'}`,
        ),
      editor: { label: 'Fact box' },
    },
  ],
};
const polls: DatelinePlugin = {
  name: 'polls',
  version: '1.0.0',
  blocks: [
    {
      type: 'poll',
      schema: z.object({ question: z.string().min(1) }),
      render: (data: { question: string }) => h('p', { class: 'poll' }, data.question),
      editor: { label: 'Poll' },
    },
  ],
};

const EDITOR = {
  name: 'Bea Blocks',
  email: 'bea@example.com',
  password: 'correct horse battery staple',
  role: 'editor' as const,
};
/** Headless Chromium names itself HeadlessChrome, which the site takes for a bot: people present a plain Chrome. */
const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const WRITER: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, userAgent: `${CHROME_UA} (blocks)` };
const WRITER_WITHOUT_JS: BrowserContextOptions = {
  ...WRITER,
  javaScriptEnabled: false,
  userAgent: `${CHROME_UA} (blocks, no JavaScript)`,
};
/** axe-core goes in as an inline script, which the newsroom's Content-Security-Policy rightly forbids. */
const AUDITOR: BrowserContextOptions = { ...WRITER, bypassCSP: true, userAgent: `${CHROME_UA} (blocks audit)` };
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  userAgent: `${CHROME_UA} (blocks phone)`,
};
const READER: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, userAgent: `${CHROME_UA} (reader)` };

const suiteName = `plugin blocks in the rich editor${browserSkipReason ? ` (skipped: ${browserSkipReason})` : ''}`;

describe.skipIf(browserSkipReason !== null)(suiteName, () => {
  let dataDir = '';
  let config: Config | undefined;
  let storage: ReturnType<typeof createStorage> | undefined;
  /** Both plugins loaded. */
  let full: RunningServer | undefined;
  /** The same data with the fact boxes only: the polls plugin is not loaded there. */
  let partial: RunningServer | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dateline-e2e-blocks-'));
    config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATELINE_DATA: dataDir,
      DATELINE_DEMO: '0',
      LOG_LEVEL: 'silent',
      DATELINE_CONTENT_POLL_MS: '100',
      DATELINE_AUTOSAVE_MS: '60000',
    });
    storage = createStorage(config);
    await migrateToLatest(storage.db, storage.dialect, storage.schema);
    await upsertSectionRow(storage.db, { slug: 'politics', name: 'Politics', parent_id: null, position: 1 });
    await createAccount(storage.db, EDITOR);
    full = await startWorker(config, { plugins: createPluginRegistry([factBoxes, polls]) });
    partial = await startWorker(config, { plugins: createPluginRegistry([factBoxes]) });
  });
  // Registered before useBrowser's: "after" hooks run last-registered first, so the servers close after the browser.
  afterAll(async () => {
    await partial?.close();
    await full?.close();
    await storage?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  const browser = useBrowser();

  const editorIn = async (options: BrowserContextOptions = WRITER, server = full): Promise<PluginBlockEditorPage> => {
    const page: Page = await browser.newPage({ ...options, baseURL: server!.url });
    const login = new NewsroomLoginPage(page);
    await login.open('/newsroom/login');
    if (login.path().startsWith('/newsroom/login')) await login.signIn(EDITOR);
    return new PluginBlockEditorPage(page);
  };
  const storedBody = async (id: number): Promise<unknown> =>
    JSON.parse((await findArticleRow(storage!.db, id))!.body) as unknown;

  /** A new article with a paragraph and a fact box filled from the keyboard, published; returns its editor. */
  const publishedWithFactBox = async (headline: string, options = WRITER): Promise<PluginBlockEditorPage> => {
    const editor = await editorIn(options);
    await editor.openNew();
    await editor.fill({ headline, section: 'politics' });
    await editor.typeBody('Polls closed at eight.');
    await editor.insertBlock('Fact box');
    await editor.typeIntoBlock(editor.block('Fact box'), ['Turnout', '61', true, '["Harbour board"]']);
    expect(await editor.press('Publish now')).toBe(200);
    expect(await editor.notices()).toEqual(['Published.']);
    return editor;
  };

  it(
    'inserts a fact box from the toolbar, fills it from the keyboard, stores and draws it, and shows it again',
    { timeout: 60_000 },
    async () => {
      const editor = await editorIn();
      await editor.openNew();
      expect(await editor.insertButtons()).toEqual(['Insert Fact box', 'Insert Poll']);

      const published = await publishedWithFactBox('Harbour Vote Draws a Crowd');
      const id = (await published.articleId())!;
      expect(await storedBody(id)).toEqual([
        { type: 'paragraph', content: [{ text: 'Polls closed at eight.' }] },
        { type: 'fact-box', title: 'Turnout', figure: 61, confirmed: true, sources: ['Harbour board'] },
      ]);
      expect(await published.bodyMarkup()).toBe(
        'Polls closed at eight.\n\n::fact-box{"title":"Turnout","figure":61,"confirmed":true,"sources":["Harbour board"]}',
      );

      const article = new PublishedArticlePage(await browser.newPage({ ...READER, baseURL: full!.url }));
      expect(await article.open((await published.publicPath())!)).toBe(200);
      expect(await article.page.locator('.article-body aside.fact-box').allInnerTexts()).toEqual(['Turnout: 61']);

      const reopened = await editorIn();
      expect(await reopened.openArticle(id)).toBe(200);
      expect(await reopened.blockFields(reopened.block('Fact box'))).toEqual({
        Title: 'Turnout',
        Figure: '61',
        Confirmed: true,
        Sources: '["Harbour board"]',
      });
    },
  );

  it(
    'shows a block whose plugin is not loaded read-only, and keeps it through a save',
    { timeout: 60_000 },
    async () => {
      const writer = await editorIn();
      await writer.openNew();
      await writer.fill({ headline: 'Ferry Fares Under Review', section: 'politics' });
      await writer.typeBody('The council meets on Monday.');
      await writer.insertBlock('Poll');
      await writer.typeIntoBlock(writer.block('Poll'), ['Should fares fall?']);
      expect(await writer.press('Save')).toBe(200);
      const id = (await writer.articleId())!;
      const poll = { type: 'poll', question: 'Should fares fall?' };
      expect(await storedBody(id)).toContainEqual(poll);

      const elsewhere = await editorIn(WRITER, partial);
      expect(await elsewhere.openArticle(id)).toBe(200);
      expect(await elsewhere.insertButtons()).toEqual(['Insert Fact box']);
      expect(await elsewhere.readOnlyBlock(elsewhere.block('poll'))).toEqual({
        note: 'No loaded plugin draws this block: it is kept as it is, and readers do not see it.',
        data: '{"question":"Should fares fall?"}',
        inputs: 0,
      });
      await elsewhere.selectInBody('Monday.');
      await elsewhere.page.keyboard.press('End');
      await elsewhere.page.keyboard.type(' Fares rose last year.');
      expect(await elsewhere.press('Save')).toBe(200);
      expect(await elsewhere.errors()).toEqual([]);
      expect(await storedBody(id)).toEqual([
        { type: 'paragraph', content: [{ text: 'The council meets on Monday. Fares rose last year.' }] },
        poll,
      ]);
    },
  );

  it("carries a block through the plain editor's ::type{json} line and back", { timeout: 60_000 }, async () => {
    const plain = await editorIn(WRITER_WITHOUT_JS);
    await plain.openNew();
    await plain.fill({ headline: 'Budget Passes at Last', section: 'politics' });
    await plain.typeMarkup(
      'The vote was close.\n\n::fact-box{"title":"Votes for","figure":14}\n\nIt takes effect in April.',
    );
    expect(await plain.press('Save')).toBe(200);
    expect(await plain.errors()).toEqual([]);
    const id = (await plain.articleId())!;
    expect(await storedBody(id)).toEqual([
      { type: 'paragraph', content: [{ text: 'The vote was close.' }] },
      { type: 'fact-box', title: 'Votes for', figure: 14, confirmed: false },
      { type: 'paragraph', content: [{ text: 'It takes effect in April.' }] },
    ]);
    const line = '::fact-box{"title":"Votes for","figure":14,"confirmed":false}';
    expect(await plain.bodyMarkup()).toBe(`The vote was close.\n\n${line}\n\nIt takes effect in April.`);

    // The rich editor reads the line as a block with its values, and writes it back the same.
    const rich = await editorIn();
    expect(await rich.openArticle(id)).toBe(200);
    expect(await rich.blockFields(rich.block('Fact box'))).toEqual({
      Title: 'Votes for',
      Figure: '14',
      Confirmed: false,
      Sources: '',
    });
    expect(await rich.press('Save')).toBe(200);
    expect(await rich.bodyMarkup()).toBe(`The vote was close.\n\n${line}\n\nIt takes effect in April.`);

    // A line that is not JSON is refused with a message naming it, and the text stays as typed.
    await plain.typeMarkup('::fact-box{"title": Turnout}');
    expect(await plain.press('Save')).toBe(400);
    expect(await plain.errors()).toContain(
      'The "fact-box" block\'s data is not one JSON object: check its quotes, commas and braces.',
    );
    expect(await plain.bodyMarkup()).toBe('::fact-box{"title": Turnout}');
  });

  it('passes axe with a fact box in the editor', { timeout: 60_000 }, async () => {
    const editor = await publishedWithFactBox('Quay Repairs Start in May', AUDITOR);
    expect(await editor.blocks.count()).toBe(1);
    expect(await editor.accessibilityViolations()).toEqual([]);
  });

  it('fits a phone 390 px wide with a fact box and a kept block in the editor', { timeout: 60_000 }, async () => {
    const writer = await editorIn();
    await writer.openNew();
    await writer.fill({ headline: 'Night Buses Return', section: 'politics' });
    await writer.typeBody('The first bus leaves at midnight.');
    await writer.insertBlock('Fact box');
    await writer.typeIntoBlock(writer.block('Fact box'), [
      'Routes',
      '4',
      true,
      '["Transport office","Council minutes"]',
    ]);
    await writer.insertBlock('Poll');
    await writer.typeIntoBlock(writer.block('Poll'), [
      'Should the night buses run on weekdays as well as weekends after the summer timetable starts?',
    ]);
    // The fact box, selected while its form was filled, stays: the poll goes after it rather than over it.
    expect(await writer.blocks.evaluateAll((blocks) => blocks.map((b) => b.getAttribute('data-plugin-block')))).toEqual(
      ['fact-box', 'poll'],
    );
    expect(await writer.press('Save')).toBe(200);
    const id = (await writer.articleId())!;

    // On the server without the polls plugin, the poll shows read-only, its data as text that must wrap.
    const phone = await editorIn(PHONE, partial);
    expect(await phone.openArticle(id)).toBe(200);
    await phone.block('Fact box').waitFor();
    await phone.block('poll').waitFor();
    await phone.page.locator('.nr-rich').screenshot({ path: screenshotPath('plugin blocks on a phone') });
    const [scrollWidth, innerWidth] = [await phone.scrollWidth(), await phone.innerWidth()];
    expect(scrollWidth, (await phone.elementsWiderThan(innerWidth)).join(', ')).toBeLessThanOrEqual(innerWidth);
    // The block's text fields take the width of the card, as the editor's other fields take the form's; a
    // checkbox sits before its label, on one line, as the form's other checkboxes do.
    const card = (await phone.block('Fact box').boundingBox())!;
    const title = (await phone.block('Fact box').getByLabel('Title').boundingBox())!;
    expect(title.width).toBeGreaterThan(card.width * 0.8);
    const box = (await phone.block('Fact box').getByLabel('Confirmed').boundingBox())!;
    const label = (await phone.block('Fact box').getByText('Confirmed', { exact: true }).boundingBox())!;
    expect(box.x).toBeLessThan(label.x);
    expect(Math.abs(box.y + box.height / 2 - (label.y + label.height / 2))).toBeLessThan(label.height / 2);
  });

  it("gives a kept copy's checkbox and block back as they were typed", { timeout: 60_000 }, async () => {
    const editor = await publishedWithFactBox('Library Opens Late');
    const id = (await editor.articleId())!;
    await editor.openArticle(id);
    expect(await editor.isChecked('Exclusive')).toBe(false);
    await editor.setChecked('Exclusive', true);
    await editor.typeIntoBlock(editor.block('Fact box'), [' (final)']);
    // Both changes in the kept copy before leaving: the box's and the block's words (kept a moment apart).
    await editor.awaitKeptValue('custom-exclusive', 'on');
    await editor.awaitKeptText('Turnout (final)');

    // A fresh visit: the form shows what the server has, and the kept copy is offered.
    await editor.openArticle(id);
    expect(await editor.isChecked('Exclusive')).toBe(false);
    await editor.answerNotice('Restore it');
    expect(await editor.isChecked('Exclusive')).toBe(true);
    expect((await editor.blockFields(editor.block('Fact box'))).Title).toBe('Turnout (final)');
    expect(await editor.press('Save')).toBe(200);
    expect(await editor.isChecked('Exclusive')).toBe(true);

    // And the other way: a box cleared in the kept copy comes back cleared.
    await editor.openArticle(id);
    await editor.setChecked('Exclusive', false);
    await editor.awaitKeptValue('custom-exclusive', '');
    await editor.openArticle(id);
    expect(await editor.isChecked('Exclusive')).toBe(true);
    await editor.answerNotice('Restore it');
    expect(await editor.isChecked('Exclusive')).toBe(false);
  });
});
