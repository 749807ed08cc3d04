import type { Locator } from 'playwright-core';
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

  /** The width of each section block as drawn, then of the grid that holds them, in CSS pixels. */
  async sectionBlockWidths(): Promise<{ blocks: number[]; grid: number }> {
    const width = async (l: Locator) => (await l.boundingBox())!.width;
    const blocks: number[] = [];
    for (const block of await this.page.locator('.home-section').all()) blocks.push(await width(block));
    return { blocks, grid: await width(this.page.locator('.home-sections')) };
  }

  /** The headings of the boxes in the rail beside the top stories. */
  railBoxes(): Promise<string[]> {
    return this.page.locator('.home-rail .headline-box h2').allTextContents();
  }

  /** Where the top stories and the rail are drawn, in CSS pixels. */
  async topStoriesAndRail(): Promise<Record<'topStories' | 'rail', { left: number; right: number; top: number }>> {
    const place = async (selector: string) => {
      const box = (await this.page.locator(selector).boundingBox())!;
      return { left: box.x, right: box.x + box.width, top: box.y };
    };
    return { topStories: await place('.top-stories'), rail: await place('.home-rail') };
  }
}
