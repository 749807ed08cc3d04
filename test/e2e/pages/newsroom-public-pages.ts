import { ArticlePageObject } from './article-page.js';
import { SectionFrontPageObject } from './section-front-page.js';
import { SitePage } from './site-page.js';

/** A section front as the newsroom checks it: does a story show, and where does it lead. */
export class PublishedSectionFrontPage extends SectionFrontPageObject {
  /**
   * Asks the server for the front again and returns its teaser headlines. A reload revalidates the page with
   * the server, where a fresh visit would take the browser's cached copy (reader pages are cached a minute).
   */
  async reloadedHeadlines(): Promise<string[]> {
    await this.page.reload({ waitUntil: 'load' });
    return this.teaserHeadlines();
  }

  /** Follows a story's headline (the lead story's or a teaser's) to its article. */
  async openTeaser(headline: string): Promise<void> {
    await this.page
      .locator('.lead-headline, .teaser-headline')
      .getByRole('link', { name: headline, exact: true })
      .click();
    await this.page.waitForLoadState('load');
  }
}

/** An article page as the newsroom checks it after publishing, updating and correcting it. */
export class PublishedArticlePage extends ArticlePageObject {
  /** The runs of bold text in the body. */
  boldText(): Promise<string[]> {
    return this.page.locator('.article-body strong').allInnerTexts();
  }

  /** The main photo's alt text, or null when there is no photo. */
  async photoAlt(): Promise<string | null> {
    const img = this.page.locator('.main-photo img');
    return (await img.count()) ? img.getAttribute('alt') : null;
  }

  /** The links in the body: their words, address, target and rel, as readers' browsers get them. */
  bodyLinks(): Promise<{ text: string; href: string | null; target: string | null; rel: string | null }[]> {
    return this.page.locator('.article-body a').evaluateAll((links) =>
      links.map((a) => {
        const link = a as unknown as { textContent: string | null; getAttribute(name: string): string | null };
        return {
          text: link.textContent ?? '',
          href: link.getAttribute('href'),
          target: link.getAttribute('target'),
          rel: link.getAttribute('rel'),
        };
      }),
    );
  }

  /** The corrections and clarifications at the foot of the article. */
  corrections(): Promise<string[]> {
    return this.page.locator('section.corrections li').allInnerTexts();
  }
}

/** The public record of corrections at /corrections/. */
export class CorrectionsListPage extends SitePage {
  /** Each listed correction as "headline: text". */
  async entries(): Promise<string[]> {
    const items = await this.page.locator('.teaser').all();
    return Promise.all(
      items.map(
        async (item) =>
          `${await item.locator('.teaser-headline').innerText()}: ${await item.locator('.teaser-standfirst').innerText()}`,
      ),
    );
  }
}
