import { SitePage } from './site-page.js';

/** A section front: the section's name, its subsections and a list of teasers. */
export class SectionFrontPageObject extends SitePage {
  sectionName(): Promise<string> {
    return this.page.locator('.front-header h1').innerText();
  }

  subsections(): Promise<string[]> {
    return this.page.locator('.subsection-nav a').allInnerTexts();
  }

  teaserHeadlines(): Promise<string[]> {
    return this.page.locator('.teaser-headline').allInnerTexts();
  }
}
