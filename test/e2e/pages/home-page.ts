import { SitePage } from './site-page.js';

/** The home page: the lead story and other top stories, then a block per section. */
export class HomePageObject extends SitePage {
  leadHeadline(): Promise<string> {
    return this.page.locator('.lead-headline').innerText();
  }

  topStoryHeadlines(): Promise<string[]> {
    return this.page.locator('.top-stories .teaser-headline').allInnerTexts();
  }

  /** Section names as written, not as the stylesheet capitalises them. */
  sectionBlocks(): Promise<string[]> {
    return this.page.locator('.home-section > h2').allTextContents();
  }
}
