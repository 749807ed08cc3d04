import { SitePage } from './site-page.js';

/** The site search: the masthead's box on any page, and the search page with its filters and results. */
export class SearchPageObject extends SitePage {
  /** Types into the masthead's search box and sends it, as a reader would; waits for the page it leads to. */
  async searchFromMasthead(query: string): Promise<void> {
    const box = this.page.locator('header.masthead [role="search"] input[name="q"]');
    await box.fill(query);
    await Promise.all([this.page.waitForURL(/\/search\?/), box.press('Enter')]);
  }

  /** What the search page's own box holds. */
  query(): Promise<string> {
    return this.page.locator('main form.search-form input[name="q"]').inputValue();
  }

  async chooseSection(name: string): Promise<void> {
    await this.page.locator('main form.search-form').getByLabel('Section').selectOption({ label: name });
  }

  async chooseOrder(name: string): Promise<void> {
    await this.page.locator('main form.search-form').getByLabel('Order').selectOption({ label: name });
  }

  /** Sends the search page's form with its button; waits for the answer. */
  async submit(): Promise<void> {
    await Promise.all([
      this.page.waitForURL(/\/search\?/),
      this.page.locator('main form.search-form button[type="submit"]').click(),
    ]);
  }

  /** The results' headlines, in order. */
  headlines(): Promise<string[]> {
    return this.page.locator('.search-result h3').allInnerTexts();
  }

  /** The heading over the results ("3 results for …"), or the "No articles match …" line. */
  summary(): Promise<string> {
    return this.page.locator('#search-results-heading, .search-none').first().innerText();
  }

  /** The words marked in the snippets. */
  markedWords(): Promise<string[]> {
    return this.page.locator('.search-snippet mark').allInnerTexts();
  }

  /** A result's section, date and byline line. */
  meta(index: number): Promise<string> {
    return this.page.locator('.search-result .teaser-meta').nth(index).innerText();
  }

  path(): string {
    const url = new URL(this.page.url());
    return url.pathname + url.search;
  }
}
