import type { Response } from 'playwright-core';
import { ArticlePageObject } from './article-page.js';

const isViewBeacon = (response: Response) => new URL(response.url()).pathname === '/api/views';

/** An article page seen by view counting: its beacon script and the beacon it sends. */
export class BeaconArticlePage extends ArticlePageObject {
  private beacons = 0;

  constructor(...args: ConstructorParameters<typeof ArticlePageObject>) {
    super(...args);
    this.page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/views') this.beacons++;
    });
  }

  /** Opens the article and waits for its view beacon to be answered; returns the beacon's HTTP status. */
  async openAndAwaitBeacon(path: string): Promise<number> {
    const [beacon] = await Promise.all([this.page.waitForResponse(isViewBeacon), this.open(path)]);
    return beacon.status();
  }

  /** Reloads the article and waits for the new beacon to be answered; returns its HTTP status. */
  async reloadAndAwaitBeacon(): Promise<number> {
    const [beacon] = await Promise.all([this.page.waitForResponse(isViewBeacon), this.page.reload()]);
    return beacon.status();
  }

  /** View beacons this page has sent so far. */
  beaconsSent(): number {
    return this.beacons;
  }

  /** The beacon script's URL as the page gives it. */
  async beaconScriptSrc(): Promise<string> {
    const src = await this.page.locator('script[data-article]').getAttribute('src');
    if (!src) throw new Error('the page has no view beacon script');
    return src;
  }
}
