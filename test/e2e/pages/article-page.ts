import { SitePage } from './site-page.js';

/** An article: headline, main photo, dateline, body, its end (share, Related, More in), and the rail beside it. */
export class ArticlePageObject extends SitePage {
  headline(): Promise<string> {
    return this.page.locator('article.article h1').innerText();
  }

  /** The dateline's lines: the publication time, then "Updated …" when there is one. */
  dateline(): Promise<string[]> {
    return this.page.locator('.dateline p').allInnerTexts();
  }

  byline(): Promise<string> {
    return this.page.locator('.byline').innerText();
  }

  bodyParagraphs(): Promise<string[]> {
    return this.page.locator('.article-body p').allInnerTexts();
  }

  photoCaption(): Promise<string> {
    return this.page.locator('.main-photo figcaption').innerText();
  }

  /** The box's title as written, not as the stylesheet capitalises it. */
  async topArticlesTitle(): Promise<string> {
    return (await this.page.locator('.article-aside .headline-box h2').first().textContent()) ?? '';
  }

  topArticles(): Promise<string[]> {
    return this.page.locator('.article-aside .headline-box').first().locator('a').allInnerTexts();
  }

  accessRankingTitle(): Promise<string | null> {
    return this.page.locator('.article-aside .headline-box').nth(1).locator('h2').textContent();
  }

  accessRanking(): Promise<string[]> {
    return this.page.locator('.article-aside .headline-box').nth(1).locator('li a').allInnerTexts();
  }

  /** The headlines of "Related" at the article's end. */
  related(): Promise<string[]> {
    return this.page.locator('section[aria-labelledby="article-related"] .end-list a').allInnerTexts();
  }

  /** The heading of the "More in {Section}" list, as written, and its headlines. */
  async moreInSection(): Promise<{ heading: string; headlines: string[] }> {
    const section = this.page.locator('section[aria-labelledby="article-more"]');
    return {
      heading: (await section.locator('h2').textContent()) ?? '',
      headlines: await section.locator('.end-list a').allInnerTexts(),
    };
  }

  /** The share box's links and buttons a reader can see (hidden ones left out), by their visible names. */
  async visibleShareControls(): Promise<string[]> {
    const controls = await this.page.locator('.share-links a, .share-links button').all();
    const names: string[] = [];
    for (const control of controls) {
      if (!(await control.isVisible())) continue;
      // The words on it, without the "(opens in a new tab)" only screen readers hear.
      names.push(
        await control.evaluate((element) => {
          type Node = { querySelectorAll(s: string): Iterable<{ remove(): void }>; textContent: string | null };
          const copy = (element as unknown as { cloneNode(deep: boolean): Node }).cloneNode(true);
          for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
          return (copy.textContent ?? '').trim();
        }),
      );
    }
    return names;
  }

  /** Presses "Copy link" and answers what the share box's status line then says. */
  async copyLink(): Promise<string> {
    await this.page.getByRole('button', { name: 'Copy link' }).click();
    const status = this.page.locator('.share-status');
    await status.filter({ hasText: /\S/ }).waitFor();
    return status.innerText();
  }

  /** What the clipboard holds; the page's context must have been granted clipboard-read. */
  clipboardText(): Promise<string> {
    return this.page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
  }

  /**
   * Gives the page a share sheet that records what it was asked to share, as a phone's browser has; call before
   * open(). Chromium on a Linux desktop has none, so the button would otherwise stay hidden.
   */
  async fakeShareSheet(): Promise<void> {
    await this.page.addInitScript(() => {
      const w = globalThis as unknown as { navigator: object; sharedWith: unknown[] };
      w.sharedWith = [];
      Object.defineProperty(w.navigator, 'share', {
        value: (data: unknown) => {
          w.sharedWith.push(data);
          return Promise.resolve();
        },
      });
    });
  }

  /** Presses "Share…" and answers what the fake share sheet (fakeShareSheet) was given. */
  async shareWithSheet(): Promise<unknown[]> {
    await this.page.getByRole('button', { name: 'Share…' }).click();
    return this.page.evaluate(() => (globalThis as unknown as { sharedWith: unknown[] }).sharedWith);
  }

  /** Scrolls the window to `y` px and waits a frame, so sticky elements have moved. */
  async scrollTo(y: number): Promise<void> {
    await this.page.evaluate(async (top) => {
      const w = globalThis as unknown as {
        scrollTo(x: number, y: number): void;
        requestAnimationFrame(f: () => void): void;
      };
      w.scrollTo(0, top);
      await new Promise<void>((done) => w.requestAnimationFrame(() => done()));
    }, y);
  }

  /**
   * Where the rail and the article column are in the window (px from its top-left), the rail's CSS position, and
   * the window's height and how far the page scrolls. Read after the next frame: article-page.js decides whether the
   * rail sticks when the browser reports its size after a layout (a ResizeObserver), not while the page loads.
   */
  async layout(): Promise<{
    position: string;
    rail: { top: number; bottom: number; left: number };
    main: { top: number; bottom: number; right: number };
    windowHeight: number;
    scrollable: number;
  }> {
    await this.page.evaluate(
      () =>
        new Promise<void>((done) => {
          const w = globalThis as unknown as { requestAnimationFrame(f: () => void): void };
          w.requestAnimationFrame(() => w.requestAnimationFrame(() => done()));
        }),
    );
    return this.page.evaluate(() => {
      type Box = { top: number; bottom: number; left: number; right: number };
      type El = { getBoundingClientRect(): Box };
      const w = globalThis as unknown as {
        document: { querySelector(s: string): El; documentElement: { scrollHeight: number } };
        getComputedStyle(e: El): { position: string };
        innerHeight: number;
      };
      const rail = w.document.querySelector('.article-aside');
      const main = w.document.querySelector('.article-main');
      const r = rail.getBoundingClientRect();
      const m = main.getBoundingClientRect();
      return {
        position: w.getComputedStyle(rail).position,
        rail: { top: r.top, bottom: r.bottom, left: r.left },
        main: { top: m.top, bottom: m.bottom, right: m.right },
        windowHeight: w.innerHeight,
        scrollable: w.document.documentElement.scrollHeight - w.innerHeight,
      };
    });
  }
}
