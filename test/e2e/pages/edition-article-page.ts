import { ArticlePageObject } from './article-page.js';

/** A link as the page wrote it. */
export interface LanguageLink {
  text: string;
  href: string | null;
  lang: string | null;
  hreflang: string | null;
}

/** An article of an edition (issue 13): its language, its switch to its translations, its alternates and dateline. */
export class EditionArticlePage extends ArticlePageObject {
  /** `<html lang>`. */
  language(): Promise<string | null> {
    return this.page.locator('html').getAttribute('lang');
  }

  /** The language switch near the headline: each link's text, address, `lang` and `hreflang`. */
  languageSwitch(): Promise<LanguageLink[]> {
    return this.page.locator('.article-header .language-switch a').evaluateAll((links) =>
      links.map((a) => ({
        text: (a.textContent ?? '').trim(),
        href: a.getAttribute('href'),
        lang: a.getAttribute('lang'),
        hreflang: a.getAttribute('hreflang'),
      })),
    );
  }

  /** Follows the switch's link named `text` and waits for the page it leads to; answers the new path. */
  async switchTo(text: string): Promise<string> {
    const before = this.page.url();
    await this.page.locator('.language-switch a', { hasText: text }).click();
    await this.page.waitForURL((url) => url.href !== before);
    await this.page.waitForLoadState('domcontentloaded');
    return new URL(this.page.url()).pathname;
  }

  /** `<link rel="alternate" hreflang>` in the head, as [hreflang, href]. */
  alternates(): Promise<[string, string][]> {
    return this.page
      .locator('head link[rel="alternate"][hreflang]')
      .evaluateAll((links) =>
        links.map((l) => [l.getAttribute('hreflang')!, l.getAttribute('href')!] as [string, string]),
      );
  }

  /** The publication line's `<time>`: the text a reader sees and its `datetime`. */
  async publishedTime(): Promise<{ text: string; datetime: string | null }> {
    const time = this.page.locator('.dateline time').first();
    return { text: (await time.innerText()).trim(), datetime: await time.getAttribute('datetime') };
  }
}
