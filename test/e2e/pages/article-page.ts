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
}
