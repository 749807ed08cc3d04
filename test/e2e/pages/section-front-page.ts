import { SitePage } from './site-page.js';

/** A section front: the section's name, its subsections, its lead story and a list of teasers. */
export class SectionFrontPageObject extends SitePage {
  sectionName(): Promise<string> {
    return this.page.locator('.front-header h1').innerText();
  }

  subsections(): Promise<string[]> {
    return this.page.locator('.subsection-nav a').allInnerTexts();
  }

  /** Every story's headline in the order shown: the lead story's (on the first page) and the teasers'. */
  teaserHeadlines(): Promise<string[]> {
    return this.page.locator('.lead-headline, .teaser-headline').allInnerTexts();
  }
}
