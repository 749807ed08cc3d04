import type { Locator } from 'playwright-core';
import { NewsroomPage, nextDocument } from './newsroom-page.js';

export type DeskList = 'In review' | 'Scheduled' | 'Recent changes';
const LIST_IDS: Record<DeskList, string> = {
  'In review': 'in-review',
  Scheduled: 'scheduled',
  'Recent changes': 'recent',
};

/** The desk at /newsroom: what waits for review, what is scheduled, what readers read, what changed. */
export class NewsroomDeskPage extends NewsroomPage {
  private list(name: DeskList): Locator {
    return this.page.locator(`section[aria-labelledby="${LIST_IDS[name]}"]`);
  }

  /** The headlines in one of the desk's lists, top first. */
  headlines(list: DeskList): Promise<string[]> {
    return this.list(list).locator('tbody td:first-child a').allInnerTexts();
  }

  /** Follows an article's link in one of the lists to its editor. */
  async openArticle(list: DeskList, headline: string): Promise<void> {
    await nextDocument(this.page, () => this.list(list).getByRole('link', { name: headline, exact: true }).click());
  }
}
