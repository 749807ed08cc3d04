import { SitePage } from './site-page.js';

/** A 404 or other error page: the status, a message, and the ways back into the site. */
export class ErrorPageObject extends SitePage {
  status(): Promise<string> {
    return this.page.locator('.error-status').innerText();
  }

  heading(): Promise<string> {
    return this.page.locator('.error-page h1').innerText();
  }

  homeLink(): Promise<string | null> {
    return this.page.locator('.error-page a', { hasText: 'home page' }).getAttribute('href');
  }
}
