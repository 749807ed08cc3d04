import { SitePage } from './site-page.js';

/** A page of the publication as readers see it at /{slug}/ (About, Contact…). */
export class PublicationPageView extends SitePage {
  /** The body's paragraphs, as text. */
  paragraphs(): Promise<string[]> {
    return this.page.locator('.article-body p').allInnerTexts();
  }

  /** The bold runs of the body. */
  boldText(): Promise<string[]> {
    return this.page.locator('.article-body strong').allInnerTexts();
  }

  /** The publication's pages, corrections and feeds the footer links to, as "text href". */
  async footerPages(): Promise<string[]> {
    const links = await this.page.locator('.site-footer .footer-pages a').all();
    return Promise.all(links.map(async (a) => `${await a.innerText()} ${await a.getAttribute('href')}`));
  }
}
