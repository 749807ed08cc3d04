import type { Locator, Page } from 'playwright-core';

/** What the checks below read in the page; the project compiles without lib.dom, so they are named here. */
interface InPageNode {
  tagName: string;
  textContent: string | null;
  getBoundingClientRect(): { left: number; right: number };
}
interface InPageDocument {
  activeElement: InPageNode | null;
}

export interface ShownLink {
  name: string;
  href: string;
  /** Where it is drawn, in CSS pixels from the viewport's left edge. */
  left: number;
  right: number;
}

/** The masthead's sections: the wide screens' strip, and the phones' "Sections" disclosure (a <details>). */
export class SectionMenu {
  constructor(readonly page: Page) {}

  private get nav(): Locator {
    return this.page.locator('nav[aria-label="Sections"]');
  }

  /** The menu's control, found as a reader of a screen reader would: by its role and name. */
  get summary(): Locator {
    return this.nav.locator('summary', { hasText: 'Sections' });
  }

  summaryVisible(): Promise<boolean> {
    return this.summary.isVisible();
  }

  stripVisible(): Promise<boolean> {
    return this.nav.locator('.section-strip').isVisible();
  }

  isOpen(): Promise<boolean> {
    return this.nav.locator('details').evaluate((d) => (d as unknown as { open: boolean }).open);
  }

  /** Opens or closes the menu with a tap on its summary. */
  async tap(): Promise<void> {
    await this.summary.click();
  }

  /** The section links a reader can see now, in order, wherever they are drawn. */
  async shownLinks(): Promise<ShownLink[]> {
    const shown: ShownLink[] = [];
    for (const link of await this.nav.locator('a').all()) {
      if (!(await link.isVisible())) continue;
      const box = (await link.boundingBox())!;
      shown.push({
        name: (await link.innerText()).trim(),
        href: (await link.getAttribute('href'))!,
        left: box.x,
        right: box.x + box.width,
      });
    }
    return shown;
  }

  /** Focuses the summary as the keyboard would reach it. */
  async focusSummary(): Promise<void> {
    await this.summary.focus();
  }

  press(key: string): Promise<void> {
    return this.page.keyboard.press(key);
  }

  /** "summary Sections", "a Politics": the element that has focus, by tag and text. */
  focused(): Promise<string> {
    return this.page.evaluate(() => {
      const el = (globalThis as unknown as { document: InPageDocument }).document.activeElement;
      return el ? `${el.tagName.toLowerCase()} ${(el.textContent ?? '').trim()}` : 'nothing';
    });
  }
}
