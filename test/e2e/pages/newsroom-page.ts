import type { Locator, Page, Response } from 'playwright-core';
import { SitePage } from './site-page.js';

/**
 * Waits for the page's next top-level document after a form is sent, past any redirect, and for it to load
 * (its deferred scripts have run by then). Resolves to that document's response.
 */
export const nextDocument = async (page: Page, act: () => Promise<void>): Promise<Response> => {
  const answered = page.waitForResponse(
    (r) =>
      r.request().isNavigationRequest() && r.frame() === page.mainFrame() && !(r.status() >= 300 && r.status() < 400),
  );
  await act();
  const response = await answered;
  await page.waitForLoadState('load');
  return response;
};

/** What every newsroom page shares: the header with the signed-in person, notices and the page heading. */
export class NewsroomPage extends SitePage {
  constructor(page: Page) {
    super(page);
  }

  heading(): Promise<string> {
    return this.page.locator('main h1').first().innerText();
  }

  /** "Name (role)" of whoever is signed in, or null on the sign-in and set-up pages. */
  async signedInAs(): Promise<string | null> {
    const who = this.page.locator('.nr-signout a[href="/newsroom/account"]');
    return (await who.count()) ? who.innerText() : null;
  }

  /** The newsroom's own notices ("Saved.", a kept copy, a note from the editor…), in page order. */
  notices(): Promise<string[]> {
    return this.page.locator('.nr-notice').allInnerTexts();
  }

  /** The path of the page now shown, without the origin. */
  path(): string {
    const url = new URL(this.page.url());
    return `${url.pathname}${url.search}`;
  }

  /** The width of the browser's viewport in CSS pixels (window.innerWidth). */
  innerWidth(): Promise<number> {
    return this.page.evaluate(() => (globalThis as unknown as { innerWidth: number }).innerWidth);
  }

  /** The header's "Menu" button (the <summary> of its <details>): shown on a phone, not on a wide screen. */
  get menuButton(): Locator {
    return this.page.locator('header .nr-menu > summary');
  }

  /** Presses the header's Menu button, as a person taps it. */
  async toggleMenu(): Promise<void> {
    await this.menuButton.click();
  }

  /** The newsroom links a person can see in the header now (none while the menu is closed on a phone). */
  async visibleNewsroomLinks(): Promise<string[]> {
    const links = this.page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link');
    const visible: string[] = [];
    for (const link of await links.all()) if (await link.isVisible()) visible.push(await link.innerText());
    return visible;
  }

  /** Follows one of the header's newsroom links. */
  async followNewsroomLink(name: string): Promise<void> {
    const link = this.page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name, exact: true });
    await nextDocument(this.page, () => link.click());
  }

  /** How the first table's cells are laid out ("table-cell" on a wide screen, "block" where it reads as a list). */
  firstTableCellDisplay(): Promise<string> {
    return this.page
      .locator('.nr-table tbody td')
      .first()
      .evaluate(
        (td) =>
          (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(td).display,
      );
  }

  /** The label a table cell shows before its value where the table reads as a list, e.g. "Status: ". */
  tableCellLabel(n: number): Promise<string> {
    return this.page
      .locator('.nr-table tbody tr')
      .first()
      .locator('td')
      .nth(n)
      .evaluate((td) => {
        const inPage = globalThis as unknown as { getComputedStyle(e: unknown, pseudo: string): { content: string } };
        return inPage.getComputedStyle(td, '::before').content;
      });
  }
}
