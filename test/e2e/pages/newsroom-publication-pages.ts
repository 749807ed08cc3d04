import type { Locator } from 'playwright-core';
import { NewsroomPage, nextDocument } from './newsroom-page.js';
import { untilFocusWithin } from './focus-within.js';

/** The page editor's buttons, by their labels. */
export type PageEditorAction = 'Save draft' | 'Publish' | 'Save' | 'Unpublish';

/** The editor of a publication page (About, Contact…) at /newsroom/pages/new and /newsroom/pages/:id. */
export class PageEditorPageObject extends NewsroomPage {
  private get form(): Locator {
    return this.page.locator('form.nr-editor');
  }

  /** The rich-text editor the articles' script puts over the body's textarea. */
  get richText(): Locator {
    return this.page.locator('.nr-rich-text');
  }

  openNew(): Promise<number> {
    return this.open('/newsroom/pages/new');
  }

  /** The id of the page being edited, from where the form posts; null for one not saved yet. */
  async pageId(): Promise<number | null> {
    const m = /\/newsroom\/pages\/(\d+)$/.exec((await this.form.getAttribute('action')) ?? '');
    return m ? Number(m[1]) : null;
  }

  async fill(values: { title?: string; slug?: string }): Promise<void> {
    for (const [name, value] of Object.entries(values)) await this.form.locator(`[name="${name}"]`).fill(value);
  }

  /** Types into the rich-text body as a person does (a pause after the click: see the article editor's object). */
  async typeBody(text: string): Promise<void> {
    await this.richText.click();
    await this.page.waitForTimeout(100);
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.type(text);
  }

  /** Presses one of the rich editor's toolbar buttons. */
  async format(button: 'Bold' | 'Italic' | 'Heading' | 'List'): Promise<void> {
    await this.page
      .getByRole('toolbar', { name: 'Formatting' })
      .getByRole('button', { name: button, exact: true })
      .click();
    await untilFocusWithin(this.richText);
  }

  /** Sends the form with one of its buttons; returns the status of the page it lands on. */
  async press(action: PageEditorAction): Promise<number> {
    const response = await nextDocument(this.page, () =>
      this.form.getByRole('button', { name: action, exact: true }).click(),
    );
    return response.status();
  }

  /** The state line under the heading ("Page: Published · View on the site · …"). */
  status(): Promise<string> {
    return this.page.locator('.nr-status').innerText();
  }

  /** The messages shown by fields after a refused save. */
  errors(): Promise<string[]> {
    return this.page.locator('.nr-error').allInnerTexts();
  }
}

/** The list of the publication's pages at /newsroom/pages, where an admin also places them in the footer. */
export class PagesListPageObject extends NewsroomPage {
  openList(): Promise<number> {
    return this.open('/newsroom/pages');
  }

  /** The titles listed, in order. */
  titles(): Promise<string[]> {
    return this.page.locator('main table tbody tr td:first-child').allInnerTexts();
  }

  /** Gives a page its place in the footer (empty: out of it), by its title. */
  async placeInFooter(title: string, place: string): Promise<void> {
    await this.page.getByLabel(`Place of ${title} in the footer`).fill(place);
  }

  /** Saves the footer's places; returns the status of the page it lands on. */
  async saveFooter(): Promise<number> {
    const response = await nextDocument(this.page, () =>
      this.page.getByRole('button', { name: 'Save footer', exact: true }).click(),
    );
    return response.status();
  }
}
