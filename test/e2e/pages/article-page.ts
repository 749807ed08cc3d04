import { SitePage } from './site-page.js';

/** An article: headline, main photo, dateline, body, and the Top Articles box beside it. */
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

  topArticlesTitle(): Promise<string> {
    return this.page.locator('.article-aside .headline-box h2').innerText();
  }

  topArticles(): Promise<string[]> {
    return this.page.locator('.article-aside .headline-box a').allInnerTexts();
  }
}
