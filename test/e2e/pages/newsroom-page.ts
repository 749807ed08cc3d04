import type { Page, Response } from 'playwright-core';
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
}
