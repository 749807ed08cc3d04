import type { Locator } from 'playwright-core';
import { ArticleEditorPageObject } from './newsroom-article-editor-page.js';
import { nextDocument } from './newsroom-page.js';

/** Where an element is drawn, in CSS pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The article editor on a site with several editions (issue 13): the article's edition and translations, the
 * Translate form, and on a translation the source shown beside the editor.
 */
export class TranslatingEditorPage extends ArticleEditorPageObject {
  private get translations(): Locator {
    return this.page.locator('section.nr-translations');
  }

  private get source(): Locator {
    return this.page.locator('aside.nr-source');
  }

  /** Chooses an edition under "Translate into" and presses Translate; the status of the page it lands on. */
  async translateInto(edition: string): Promise<number> {
    await this.translations.getByLabel('Translate into').selectOption({ label: edition });
    const button = this.translations.getByRole('button', { name: 'Translate', exact: true });
    return (await nextDocument(this.page, () => button.click())).status();
  }

  /** "Publication (language)" of the article's edition, as the status line names it. */
  edition(): Promise<string> {
    return this.page.locator('.nr-status .nr-edition-name').innerText();
  }

  /** The source beside the editor as a translator reads it: its headline and body text, or null when none is shown. */
  async sourceText(): Promise<{ headline: string; text: string } | null> {
    if ((await this.source.count()) === 0) return null;
    return { headline: await this.source.locator('h3').innerText(), text: await this.source.innerText() };
  }

  /** Whether the source's text can be seen now (its <details> open). */
  sourceVisible(): Promise<boolean> {
    return this.source.locator('h3').isVisible();
  }

  /** Folds or unfolds the source, as a person clicks its summary. */
  async toggleSource(): Promise<void> {
    await this.source.locator('summary').click();
  }

  /** Where the editor form and the source are drawn. */
  async layout(): Promise<{ form: Box; source: Box }> {
    const form = await this.page.locator('form.nr-editor').boundingBox();
    const source = await this.source.boundingBox();
    if (!form || !source) throw new Error('the editor form or the source is not drawn');
    return { form, source };
  }

  /** Each article linked to this one: "Source in … : headline (status)" lines as shown. */
  linked(): Promise<string[]> {
    return this.translations.locator('li').allInnerTexts();
  }

  /** Opens a linked article's editor by its headline. */
  async openLinked(headline: string): Promise<void> {
    const link = this.translations.getByRole('link', { name: headline, exact: true });
    await nextDocument(this.page, () => link.click());
  }
}
