import { join } from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { zonedParts } from '../../src/domain/dateline.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';
import { createAccount } from '../../src/services/accounts.js';
import { createStorage } from '../../src/storage/database.js';
import { upsertSectionRow } from '../../src/storage/repositories/section.repository.js';
import { ArticleEditorPageObject } from './pages/newsroom-article-editor-page.js';
import { NewsroomPage } from './pages/newsroom-page.js';
import { NewsroomLoginPage, NewsroomSetupPage, type Credentials } from './pages/newsroom-auth-pages.js';
import { NewsroomDeskPage } from './pages/newsroom-desk-page.js';
import { CorrectionsListPage, PublishedArticlePage, PublishedSectionFrontPage } from './pages/newsroom-public-pages.js';
import { seriousOrCritical } from './pages/site-page.js';
import { browserSkipReason, useBrowser } from './support/browser.js';
import { useFixtureServer } from './support/fixture-server.js';

const PASSWORD = 'correct horse battery staple';
type Person = 'owner' | 'casey' | 'eden' | 'ezra';
const PEOPLE: Record<Person, Credentials & { name: string; role: 'admin' | 'contributor' | 'editor' }> = {
  owner: { name: 'Olive Owner', email: 'owner@example.com', password: PASSWORD, role: 'admin' },
  casey: { name: 'Casey Contributor', email: 'casey@example.com', password: PASSWORD, role: 'contributor' },
  eden: { name: 'Eden Editor', email: 'eden@example.com', password: PASSWORD, role: 'editor' },
  ezra: { name: 'Ezra Editor', email: 'ezra@example.com', password: PASSWORD, role: 'editor' },
};

/**
 * Each person works in their own browser context (own cookies, own localStorage), kept for the whole file so
 * they sign in once. Headless Chromium calls itself "HeadlessChrome", which the site takes for a bot; people
 * here present an ordinary Chrome, each with their name appended so that no two share a context.
 */
const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const browserOf = (person: Person): BrowserContextOptions => ({
  viewport: { width: 1280, height: 900 },
  userAgent: `${CHROME_UA} (newsroom e2e: ${person})`,
});
/**
 * A reader who has not read the page before. Reader pages may be cached by browsers for a minute, so checks
 * of what the site shows use a browser that has not seen it yet.
 */
const freshReader = (who: string): BrowserContextOptions => ({
  viewport: { width: 1280, height: 900 },
  userAgent: `${CHROME_UA} (newsroom e2e reader: ${who})`,
});
/** axe-core is injected as an inline script, which the newsroom's Content-Security-Policy rightly forbids. */
const AUDITOR: BrowserContextOptions = {
  ...browserOf('owner'),
  userAgent: `${CHROME_UA} (newsroom e2e: audit)`,
  bypassCSP: true,
};

/** The story that goes from a contributor's draft to a corrected article on the site. */
const STORY = {
  headline: 'Tram Line to Reopen After Two-Year Rebuild',
  standfirst: 'The harbour loop carries its first passengers on Monday.',
  photoCaption: 'A rebuilt tram stop on the harbour loop',
  photoCredit: 'Casey Contributor',
  photoAlt: 'A green tram waiting at a newly paved stop',
};

/** The site's time zone: a fresh database has the default settings. */
const SITE_ZONE = DEFAULT_SETTINGS.timeZone;
const pad = (n: number) => String(n).padStart(2, '0');
/**
 * The whole site-time minute a few minutes after `now` (the server's time): when it begins, and as a
 * datetime-local value. Far enough ahead that the file's tests end long before it comes in real time.
 */
const aFewMinutesAfter = (now: Date): { at: number; value: string } => {
  const at = Math.floor(now.getTime() / 60_000) * 60_000 + 5 * 60_000;
  const p = zonedParts(new Date(at), SITE_ZONE);
  return { at, value: `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}` };
};
/**
 * The fixture server looks for due articles every 200 ms: a story is live that long after its time, plus a page
 * load; a margin on top for a busy machine. Far below the 15 s of an unconfigured scheduler.
 */
const LIVE_AFTER_ITS_TIME_MS = 3_000;
/** A person whose browser's clock the autosave test moves: their own context, so no one else's time jumps. */
const AUTOSAVING: BrowserContextOptions = {
  ...browserOf('eden'),
  userAgent: `${CHROME_UA} (newsroom e2e: eden, autosave)`,
};

const suiteName = `the newsroom in a browser${browserSkipReason ? ` (skipped: ${browserSkipReason})` : ''}`;

// Each test drives one to three Chromium pages through the newsroom: 10-30 s beside another test file on two
// cores, and the merge of two editors' saves took 36 s on a loaded machine. What they check is what the pages do,
// not how fast they did it.
describe.skipIf(browserSkipReason !== null)(suiteName, { timeout: 90_000 }, () => {
  // No articles and no accounts: only somewhere to file stories.
  const site = useFixtureServer('newsroom', async (db) => {
    await upsertSectionRow(db, { slug: 'politics', name: 'Politics', parent_id: null, position: 1 });
    await upsertSectionRow(db, { slug: 'business', name: 'Business', parent_id: null, position: 2 });
  });
  const browser = useBrowser();
  let photoPath: string;

  const newPage = (options: BrowserContextOptions): Promise<Page> => browser.newPage({ ...options, baseURL: site.url });

  /** A page in the person's browser, signed in (once per file: the context keeps the session). */
  const signedIn = async (person: Person, options = browserOf(person)): Promise<Page> => {
    const login = new NewsroomLoginPage(await newPage(options));
    await login.open('/newsroom/login');
    // Someone already signed in is sent on to the desk.
    if (login.path().startsWith('/newsroom/login')) await login.signIn(PEOPLE[person]);
    return login.page;
  };
  const editorOf = async (person: Person) => new ArticleEditorPageObject(await signedIn(person));

  /** A draft saved through the editor; returns its id. */
  const draftBy = async (person: Person, headline: string, body: string): Promise<number> => {
    const editor = await editorOf(person);
    await editor.openNew();
    await editor.fill({ headline, section: 'politics' });
    await editor.typeBody(body);
    await editor.press('Save');
    const id = await editor.articleId();
    if (id === null) throw new Error(`the draft "${headline}" was not saved: ${(await editor.errors()).join('; ')}`);
    return id;
  };

  beforeAll(async () => {
    photoPath = join(site.dataDir, 'tram-stop.jpg');
    await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#2f6b4f' } })
      .jpeg()
      .toFile(photoPath);
  });

  it('creates the owner account from the first-run page and signs them in', async () => {
    const setup = new NewsroomSetupPage(await newPage(browserOf('owner')));
    await setup.open('/newsroom');
    expect(await setup.heading()).toBe('Welcome to your newsroom');
    expect(await setup.createOwner(PEOPLE.owner)).toBe(200);
    expect(await setup.heading()).toBe('Desk');
    expect(await setup.signedInAs()).toBe('Olive Owner (admin)');
  });

  describe('with a contributor and two editors on the team', () => {
    beforeAll(async () => {
      const storage = createStorage(site.config);
      try {
        for (const person of ['casey', 'eden', 'ezra'] as const) await createAccount(storage.db, PEOPLE[person]);
      } finally {
        await storage.close();
      }
    });

    let storyId: number;
    /** When the scheduled story is due, as epoch milliseconds. */
    let dueAt: number | undefined;

    describe('a story from the contributor to the site', () => {
      it('lets a contributor write in the rich editor, add a photo and submit the article for review', async () => {
        const editor = await editorOf('casey');
        await editor.openNew();
        await editor.fill({ headline: STORY.headline, standfirst: STORY.standfirst, section: 'politics' });
        await editor.typeBody('The harbour loop reopens on Monday with ');
        await editor.format('Bold');
        await editor.typeBody('twelve new stops');
        await editor.format('Bold');
        await editor.typeBody('.\nFares stay at 200 yen.');
        await editor.attachPhoto(photoPath);
        await editor.fill({
          photoCaption: STORY.photoCaption,
          photoCredit: STORY.photoCredit,
          photoAlt: STORY.photoAlt,
        });
        expect(await editor.press('Submit for review')).toBe(200);
        storyId = (await editor.articleId())!;
        expect(await editor.status()).toBe('In review');
        expect(await editor.boldText()).toEqual(['twelve new stops']);
        expect(await editor.photoPreviewAlt()).toBe(STORY.photoAlt);
      });

      it('lets an editor open it from the desk and schedule it a few minutes ahead', async () => {
        const desk = new NewsroomDeskPage(await signedIn('eden'));
        await desk.open('/newsroom');
        expect(await desk.headlines('In review')).toContain(STORY.headline);
        await desk.openArticle('In review', STORY.headline);
        const editor = new ArticleEditorPageObject(desk.page);
        const time = aFewMinutesAfter(site.now());
        await editor.scheduleAt(time.value);
        expect(await editor.press('Schedule')).toBe(200);
        dueAt = time.at;
        expect(await editor.status()).toBe('Scheduled');
        await desk.open('/newsroom');
        expect(await desk.headlines('Scheduled')).toEqual([STORY.headline]);
      });
    });

    it('places an image in the body from the toolbar, which the published article shows as a figure', async () => {
      const editor = await editorOf('eden');
      await editor.openNew();
      await editor.fill({ headline: 'Lighthouse Keepers Return to the Cape', section: 'politics' });
      await editor.typeBody('The lamp was relit on Saturday.');
      await editor.placeImage({
        path: photoPath,
        alt: 'A white lighthouse above dark rocks',
        caption: 'The cape at dusk',
      });
      expect(await editor.bodyImages()).toEqual([
        { alt: 'A white lighthouse above dark rocks', loaded: true, caption: 'The cape at dusk' },
      ]);
      await editor.typeBody('\nKeepers will live on site again.');
      expect(await editor.bodyMarkup()).toMatch(
        /^The lamp was relit on Saturday\.\n\n!\[A white lighthouse above dark rocks\]\(media:\d+\)\nCaption: The cape at dusk\n\nKeepers will live on site again\.$/,
      );
      // Details change in place: select the image, press Image again.
      await editor.selectImage(0);
      await editor.placeImage({
        alt: 'A white lighthouse above dark rocks',
        caption: 'The cape at dusk',
        credit: 'Eden Editor',
      });
      expect((await editor.bodyImages())[0]!.caption).toBe('The cape at dusk — Photo: Eden Editor');
      expect(await editor.press('Publish now')).toBe(200);
      expect(await editor.bodyImages()).toEqual([
        { alt: 'A white lighthouse above dark rocks', loaded: true, caption: 'The cape at dusk — Photo: Eden Editor' },
      ]);

      const reader = await newPage(freshReader('lighthouse'));
      expect((await reader.goto((await editor.publicPath())!))!.status()).toBe(200);
      const figure = reader.locator('.article-body figure.body-image');
      expect(await figure.locator('img').getAttribute('alt')).toBe('A white lighthouse above dark rocks');
      expect(
        await figure.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      ).toBeGreaterThan(0);
      expect(await figure.locator('figcaption').innerText()).toContain('The cape at dusk');
      expect(await reader.locator('.article-body p').allInnerTexts()).toEqual([
        'The lamp was relit on Saturday.',
        'Keepers will live on site again.',
      ]);
    });

    it("reuses an image from the library in another article's body", async () => {
      const editor = await editorOf('casey');
      await editor.openNew();
      await editor.fill({ headline: 'Cape Road Closed for Repairs', section: 'politics' });
      await editor.typeBody('The road to the lighthouse shuts for a week.');
      await editor.placeImage({ fromLibrary: 0, alt: 'The lighthouse road under repair' });
      expect(await editor.bodyImages()).toEqual([
        {
          alt: 'The lighthouse road under repair',
          loaded: true,
          caption: 'Alt text: The lighthouse road under repair',
        },
      ]);
      expect(await editor.press('Save')).toBe(200);
      expect(await editor.bodyMarkup()).toMatch(
        /^The road to the lighthouse shuts for a week\.\n\n!\[The lighthouse road under repair\]\(media:\d+\)$/,
      );
    });

    // The scheduled story waits for its time until "once its time has come" moves the server's clock to it.
    it("merges two editors' saves of the same article, and lets the second take over where they clash", async () => {
      const id = await draftBy(
        'eden',
        'Council Votes on Night Buses',
        'The council meets on Thursday.\nThe agenda has two items.',
      );
      const first = await editorOf('eden');
      const second = await editorOf('ezra');
      await first.openArticle(id);
      await second.openArticle(id);
      // Different parts: Eden retitles, Ezra rewrites the second paragraph. Both survive.
      await first.fill({ headline: 'Council Delays Night Bus Vote' });
      await second.replaceBody('The council meets on Thursday.\nThe agenda has three items.');
      expect(await first.press('Save')).toBe(200);
      expect(await second.press('Save')).toBe(409);
      const panel = (await second.conflict())!;
      expect(panel).toContain('Eden Editor saved this article at');
      expect(panel).toContain('Their changes to the headline are merged into the form.');
      expect(await second.fieldValue('headline')).toBe('Council Delays Night Bus Vote');
      expect(await second.bodyBlocks()).toEqual(['The council meets on Thursday.', 'The agenda has three items.']);
      expect(await second.press('Save')).toBe(200);
      await first.openArticle(id);
      expect(await first.fieldValue('headline')).toBe('Council Delays Night Bus Vote');
      expect(await first.bodyBlocks()).toEqual(['The council meets on Thursday.', 'The agenda has three items.']);

      // The same paragraph, changed differently: Ezra's text stays in his form, Eden's is shown; Ezra takes over.
      await second.openArticle(id);
      await first.replaceBody('Eden: the vote is postponed to March.');
      await second.replaceBody('Ezra: the vote passed eight to three.');
      expect(await first.press('Save')).toBe(200);
      expect(await second.press('Save')).toBe(409);
      expect(await second.clashesIn('body')).toEqual([
        {
          theirs: 'Eden: the vote is postponed to March.',
          mine: 'Ezra: the vote passed eight to three.',
        },
      ]);
      expect(await second.bodyBlocks()).toEqual(['Ezra: the vote passed eight to three.']);
      expect(await second.takeOver()).toBe(200);
      await first.openArticle(id);
      expect(await first.bodyBlocks()).toEqual(['Ezra: the vote passed eight to three.']);
    });

    describe("a contributor's own draft", () => {
      let id: number;
      beforeAll(async () => {
        id = await draftBy('casey', 'Fish Market Moves Inland', 'The market opens at its new site in May.');
      });

      it('offers the contributor Save and Submit for review, but no Publish button', async () => {
        const editor = await editorOf('casey');
        await editor.openArticle(id);
        expect(await editor.actions()).toEqual(['Save', 'Submit for review']);
      });

      it("refuses with 403 a publish request sent from the contributor's page with its form token", async () => {
        const editor = await editorOf('casey');
        await editor.openArticle(id);
        expect(await editor.attemptAction('publish')).toBe(403);
        await editor.openArticle(id);
        expect(await editor.status()).toBe('Draft');
      });
    });

    it('keeps typed text through an expired session: sign in again and it is back in the editor', async () => {
      const id = await draftBy('eden', 'Library Extends Opening Hours', 'The central library opens until nine.');
      const editor = await editorOf('eden');
      await editor.openArticle(id);
      await editor.typeBody('\nTyped during a long lunch.');
      await editor.page.context().clearCookies({ name: 'dl_session' });
      expect(await editor.press('Save')).toBe(401);
      const login = new NewsroomLoginPage(editor.page);
      expect(await login.heading()).toBe('Sign in');
      expect(await login.carriesTypedText()).toBe(true);
      expect(await login.signIn(PEOPLE.eden)).toBe(200);
      expect(await editor.bodyBlocks()).toEqual([
        'The central library opens until nine.',
        'Typed during a long lunch.',
      ]);
    });

    it('keeps a copy of typed text in the browser and restores it after a reload', async () => {
      const id = await draftBy('eden', 'Ferry Adds a Late Sailing', 'The last ferry leaves at eleven.');
      const editor = await editorOf('eden');
      await editor.openArticle(id);
      await editor.typeBody('\nNot saved, only typed.');
      await editor.awaitBrowserCopyOf('Not saved, only typed.');
      await editor.reload();
      expect(await editor.bodyBlocks()).toEqual(['The last ferry leaves at eleven.']);
      await editor.restoreBrowserCopy();
      expect(await editor.bodyBlocks()).toEqual(['The last ferry leaves at eleven.', 'Not saved, only typed.']);
    });

    it('offers no kept copy on a new article once the previous new article was saved', async () => {
      await draftBy('eden', 'Bridge Repairs Finish Early', 'The bridge reopens a week early.');
      const editor = await editorOf('eden');
      await editor.openNew();
      expect(await editor.notices()).toEqual([]);
    });

    it('autosaves a draft by itself while the writer types', async () => {
      const id = await draftBy('eden', 'Parks Get New Benches', 'Forty benches arrive in April.');
      const editor = new ArticleEditorPageObject(await signedIn('eden', AUTOSAVING));
      // The browser's own time, so that the interval passes without being waited for.
      await editor.page.clock.install();
      await editor.openArticle(id);
      expect(await editor.autosaveIntervalMs()).toBe(site.config.autosaveMs);
      await editor.typeBody('\nSaved without pressing Save.');
      await editor.page.clock.fastForward(site.config.autosaveMs);
      expect(await editor.autosaveReport()).toMatch(/^Draft saved at /);
      await editor.openArticle(id);
      expect(await editor.bodyBlocks()).toEqual(['Forty benches arrive in April.', 'Saved without pressing Save.']);
    });

    describe('the scheduled story once its time has come', () => {
      it('appears on the site within seconds of its scheduled minute', async () => {
        if (dueAt === undefined) throw new Error('the story was not scheduled');
        const front = new PublishedSectionFrontPage(await newPage(freshReader('scheduled')));
        await front.open('/politics/');
        expect(await front.teaserHeadlines()).not.toContain(STORY.headline);
        // To a second past its minute, by the server's clock: the scheduler alone must now put it live.
        site.moveClockBy(dueAt + 1000 - site.now().getTime());
        await expect
          .poll(() => front.reloadedHeadlines(), { timeout: LIVE_AFTER_ITS_TIME_MS, interval: 100 })
          .toContain(STORY.headline);
        await front.openTeaser(STORY.headline);
        const article = new PublishedArticlePage(front.page);
        expect(await article.headline()).toBe(STORY.headline);
        expect(await article.boldText()).toEqual(['twelve new stops']);
        expect(await article.photoAlt()).toBe(STORY.photoAlt);
      });

      it('shows "Updated" on the article after an edit marked significant', async () => {
        const editor = await editorOf('eden');
        await editor.openArticle(storyId);
        await editor.typeBody('\nThe first tram leaves at 5:40.');
        await editor.markSignificant();
        expect(await editor.press('Save')).toBe(200);
        const article = new PublishedArticlePage(await newPage(freshReader('updated')));
        expect(await article.open((await editor.publicPath())!)).toBe(200);
        expect(await article.bodyParagraphs()).toContain('The first tram leaves at 5:40.');
        expect((await article.dateline())[1]).toMatch(/^Updated \d\d:\d\d JST, /);
      });

      it('shows a correction added in the editor at the foot of the article and on /corrections', async () => {
        const text = 'An earlier version said the loop has ten stops. It has twelve.';
        const editor = await editorOf('eden');
        await editor.openArticle(storyId);
        expect(await editor.addCorrection('Correction', text)).toBe(200);
        const article = new PublishedArticlePage(await newPage(freshReader('corrected')));
        await article.open((await editor.publicPath())!);
        expect((await article.corrections()).join('\n')).toContain(text);
        const list = new CorrectionsListPage(await newPage(freshReader('corrected')));
        expect(await list.open('/corrections/')).toBe(200);
        expect(await list.entries()).toContain(`${STORY.headline}: ${text}`);
      });
    });

    describe('accessibility', () => {
      it.each([
        ['the desk', '/newsroom'],
        ['the article editor', '/newsroom/articles/new'],
        ['the activity list', '/newsroom/activity'],
        ['the account page', '/newsroom/account'],
        ['the users page', '/newsroom/users'],
      ])('%s has no serious or critical violations', async (_name, path) => {
        const page = new NewsroomPage(await signedIn('owner', AUDITOR));
        expect(await page.open(path)).toBe(200);
        expect(seriousOrCritical(await page.accessibilityViolations())).toEqual([]);
      });

      it('the merge view after a conflict and the image dialog have no serious or critical violations', async () => {
        const id = await draftBy('eden', 'Harbour Dredging Starts', 'Dredgers arrive on Monday.');
        const first = await editorOf('eden');
        await first.openArticle(id);
        const auditor = new ArticleEditorPageObject(await signedIn('owner', AUDITOR));
        await auditor.openArticle(id);
        await first.replaceBody('Dredgers arrive on Tuesday.');
        expect(await first.press('Save')).toBe(200);
        await auditor.replaceBody('Dredgers arrive on Wednesday.');
        expect(await auditor.press('Save')).toBe(409);
        expect(seriousOrCritical(await auditor.accessibilityViolations())).toEqual([]);
        await auditor.format('Image');
        await auditor.page.getByRole('dialog').waitFor();
        expect(seriousOrCritical(await auditor.accessibilityViolations())).toEqual([]);
      });
    });
  });
});
