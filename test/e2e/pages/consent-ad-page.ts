import { SitePage } from './site-page.js';

/** The browser's globals these page objects touch (the project compiles without lib.dom). */
interface InPage {
  dateline?: { consent?: { granted(category: string): boolean } };
  document: { cookie: string; activeElement: { id: string } | null };
  PerformanceObserver: new (cb: (list: { getEntries(): LayoutShift[] }) => void) => {
    observe(options: { type: string; buffered: boolean }): void;
    takeRecords(): LayoutShift[];
    disconnect(): void;
  };
  setTimeout(fn: () => void, ms: number): void;
}
interface InPageBox {
  getAttribute(name: string): string | null;
  closest(selector: string): { querySelectorAll(selector: string): Iterable<InPageBox> } | null;
  compareDocumentPosition(other: InPageBox): number;
}
interface LayoutShift {
  value: number;
}

/** A reader page with the consent banner and ad boxes of the bundled plugins. */
export class ConsentAdPage extends SitePage {
  readonly banner = this.page.locator('#dl-consent');
  readonly reopenButton = this.page.locator('#dl-consent-reopen button');
  readonly gpcNote = this.page.locator('.dl-consent-gpc');
  readonly boxes = this.page.locator('.dl-ad-box');

  async acceptAll(): Promise<void> {
    await this.banner.getByRole('button', { name: 'Accept all' }).click();
  }

  async rejectAll(): Promise<void> {
    await this.banner.getByRole('button', { name: 'Reject all' }).click();
  }

  /** Opens "Choose", ticks what is asked for (analytics, advertising) and saves. */
  async choose(allow: { analytics: boolean; advertising: boolean }): Promise<void> {
    await this.banner.getByRole('button', { name: 'Choose' }).click();
    await this.banner.getByRole('checkbox', { name: /^Analytics/ }).setChecked(allow.analytics);
    await this.banner.getByRole('checkbox', { name: /^Advertising/ }).setChecked(allow.advertising);
    await this.banner.getByRole('button', { name: 'Save my choices' }).click();
  }

  /** Once the consent script has run: whether a category is granted, as other plugins would ask. */
  async granted(category: 'necessary' | 'analytics' | 'advertising'): Promise<boolean> {
    await this.page.waitForFunction(() => (globalThis as unknown as InPage).dateline?.consent !== undefined);
    return this.page.evaluate((c) => (globalThis as unknown as InPage).dateline!.consent!.granted(c), category);
  }

  /** The value of the consent cookie, or null. */
  async consentCookie(): Promise<string | null> {
    const cookies = await this.page.context().cookies();
    return cookies.find((c) => c.name === 'dateline_consent')?.value ?? null;
  }

  async filledBoxes(): Promise<number> {
    return this.page.locator('.dl-ad-box[data-filled]').count();
  }

  /** The heights the boxes take before any ad is in them, in page order. */
  async boxHeights(): Promise<number[]> {
    return this.boxes.evaluateAll((els) =>
      els.map((el) =>
        Math.round((el as unknown as { getBoundingClientRect(): { height: number } }).getBoundingClientRect().height),
      ),
    );
  }

  /**
   * Where each box is, in page order: its slot and position, and for a box in the article's body which paragraph
   * (p1, p2…) it follows.
   */
  boxPlaces(): Promise<{ slot: string | null; position: string | null; after: string | null }[]> {
    return this.page.locator('.dl-ad').evaluateAll((els) =>
      els.map((node) => {
        const el = node as unknown as InPageBox;
        const body = el.closest('.article-body');
        const paragraphs = body ? [...body.querySelectorAll(':scope > p')] : [];
        const before = paragraphs.filter((p) => p.compareDocumentPosition(el) & 4).length;
        return {
          slot: el.getAttribute('data-ad-slot'),
          position: el.getAttribute('data-ad-position'),
          after: body ? `p${before}` : null,
        };
      }),
    );
  }

  /** The id of the element that has focus. */
  focusedId(): Promise<string | undefined> {
    return this.page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.id);
  }

  /** Cumulative layout shift so far: every layout-shift entry of the page, recent input or not. */
  cumulativeLayoutShift(): Promise<number> {
    return this.page.evaluate(
      () =>
        new Promise<number>((done) => {
          const inPage = globalThis as unknown as InPage;
          let total = 0;
          const observer = new inPage.PerformanceObserver((list) => {
            for (const entry of list.getEntries()) total += entry.value;
          });
          observer.observe({ type: 'layout-shift', buffered: true });
          // Buffered entries arrive in a task of their own; give them one.
          inPage.setTimeout(() => {
            for (const entry of observer.takeRecords()) total += entry.value;
            observer.disconnect();
            done(total);
          }, 100);
        }),
    );
  }
}
