import type { Locator } from 'playwright-core';
import { ArticleEditorPageObject } from './newsroom-article-editor-page.js';

/** The little of the browser's localStorage the in-page code reads (the project compiles without lib.dom). */
interface InPageStorage {
  length: number;
  key(i: number): string | null;
  getItem(key: string): string | null;
}

/** A field's value as a plugin block's form shows it: text for boxes and choices, true/false for a checkbox. */
export type BlockFieldValue = string | boolean;

/**
 * The article editor with plugins' body blocks (issue 14): the toolbar's "Insert {label}" buttons, and each block
 * in the rich-text body as a group named by its label, holding a small form (or, for a plugin not loaded, its
 * data shown read-only).
 */
export class PluginBlockEditorPage extends ArticleEditorPageObject {
  /** The blocks in the rich-text body, in order. */
  get blocks(): Locator {
    return this.page.locator('.nr-rich-text .nr-plugin-block');
  }

  /** The n-th block in the body whose label is `label`. */
  block(label: string, n = 0): Locator {
    return this.page.locator('.nr-rich-text').getByRole('group', { name: label, exact: true }).nth(n);
  }

  /** Presses "Insert {label}" on the toolbar at the end of the body, and waits for the block to show. */
  async insertBlock(label: string): Promise<void> {
    const before = await this.block(label).count();
    await this.typeBody('');
    await this.page
      .getByRole('toolbar', { name: 'Formatting' })
      .getByRole('button', { name: `Insert ${label}`, exact: true })
      .click();
    await this.page.locator('.nr-rich-text').getByRole('group', { name: label, exact: true }).nth(before).waitFor();
  }

  /** The labels of the toolbar's Insert buttons. */
  async insertButtons(): Promise<string[]> {
    const all = await this.page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button').allInnerTexts();
    return all.filter((label) => label.startsWith('Insert '));
  }

  /**
   * Fills a block's form from the keyboard, as a person does: a click into the first field, then for each one in
   * order its text typed (a checkbox ticked with the space bar when `true`) and Tab to the next.
   */
  async typeIntoBlock(block: Locator, values: BlockFieldValue[]): Promise<void> {
    await block.locator('input, select, textarea').first().click();
    // Wherever the click left the caret, typing goes on from the end of what the field holds.
    await this.page.keyboard.press('End');
    for (const [i, value] of values.entries()) {
      if (value === true) await this.page.keyboard.press('Space');
      else if (typeof value === 'string') await this.page.keyboard.type(value);
      if (i < values.length - 1) await this.page.keyboard.press('Tab');
    }
  }

  /** The block's form as it stands, by each field's label. */
  blockFields(block: Locator): Promise<Record<string, BlockFieldValue>> {
    return block.locator('.nr-plugin-block-field').evaluateAll((rows) => {
      const out: Record<string, string | boolean> = {};
      for (const row of rows) {
        const el = row as unknown as {
          querySelector(s: string): { textContent: string | null; type?: string; value?: string; checked?: boolean };
        };
        const label = el.querySelector('label').textContent ?? '';
        const input = el.querySelector('input, select, textarea');
        out[label] = input.type === 'checkbox' ? input.checked === true : (input.value ?? '');
      }
      return out;
    });
  }

  /** What a block of a plugin not loaded shows: its note and its data, as text. */
  async readOnlyBlock(block: Locator): Promise<{ note: string; data: string; inputs: number }> {
    return {
      note: await block.locator('.nr-hint').innerText(),
      data: await block.locator('pre').innerText(),
      inputs: await block.locator('input, select, textarea').count(),
    };
  }

  /** Ticks or clears a checkbox of the form by its label (a custom field's). */
  async setChecked(label: string, checked: boolean): Promise<void> {
    await this.page.locator('form.nr-editor').getByLabel(label, { exact: true }).setChecked(checked);
  }

  /** Whether a checkbox of the form, by its label, is ticked. */
  isChecked(label: string): Promise<boolean> {
    return this.page.locator('form.nr-editor').getByLabel(label, { exact: true }).isChecked();
  }

  /** Waits until this browser's kept copy of the form holds `value` for the field `name`. */
  async awaitKeptValue(name: string, value: string): Promise<void> {
    await this.page.waitForFunction(
      ([field, wanted]) => {
        const storage = (globalThis as unknown as { localStorage: InPageStorage }).localStorage;
        for (let i = 0; i < storage.length; i++) {
          const key = storage.key(i);
          if (!key?.startsWith('dateline:editor:')) continue;
          const kept = JSON.parse(storage.getItem(key) ?? '{}') as { values?: Record<string, string> };
          if (kept.values?.[field] === wanted) return true;
        }
        return false;
      },
      [name, value] as const,
    );
  }

  /** Waits until this browser's kept copy of the form holds `text` in some field (the body's, for a block's words). */
  async awaitKeptText(text: string): Promise<void> {
    await this.page.waitForFunction((wanted) => {
      const storage = (globalThis as unknown as { localStorage: InPageStorage }).localStorage;
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (!key?.startsWith('dateline:editor:')) continue;
        const kept = JSON.parse(storage.getItem(key) ?? '{}') as { values?: Record<string, string> };
        if (Object.values(kept.values ?? {}).some((v) => typeof v === 'string' && v.includes(wanted))) return true;
      }
      return false;
    }, text);
  }

  /** Presses a button of the notice above the form (e.g. the kept copy's "Restore it"). */
  async answerNotice(button: string): Promise<void> {
    await this.page.locator('.nr-notice').getByRole('button', { name: button, exact: true }).click();
  }

  /** Types the body's markup into the plain textarea, the editor without JavaScript. */
  async typeMarkup(markup: string): Promise<void> {
    await this.page.locator('textarea#body').fill(markup);
  }
}
