import type { Locator, Page } from 'playwright-core';

/** What the Embed dialog asks for. */
export interface EmbedChoice {
  address: string;
  title: string;
}

/** The rich editor's Embed dialog, opened from the toolbar's Embed button, as a person uses it. */
export class EmbedDialogObject {
  constructor(readonly page: Page) {}

  /** The dialog, while it is open. */
  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: /embed/i });
  }

  /** Presses Embed on the toolbar and waits for its dialog. */
  async open(): Promise<void> {
    await this.page
      .getByRole('toolbar', { name: 'Formatting' })
      .getByRole('button', { name: 'Embed', exact: true })
      .click();
    await this.dialog.waitFor();
  }

  /** Fills in the open dialog, without confirming it. */
  async fill(embed: EmbedChoice): Promise<void> {
    await this.dialog.getByLabel('Address').fill(embed.address);
    await this.dialog.getByLabel('Title').fill(embed.title);
  }

  /** Confirms the dialog with its Insert (or, for an embed being changed, Update) button. */
  async confirm(): Promise<void> {
    await this.dialog.getByRole('button', { name: /^(Insert|Update)$/ }).click();
  }

  /** What the open dialog says is wrong; empty when nothing is (the empty alert is not shown, so not by role). */
  async problem(): Promise<string> {
    return (await this.dialog.locator('[role="alert"]').textContent()) ?? '';
  }

  /** The dialog's heading and fields as they stand. */
  async fields(): Promise<{ heading: string; address: string; title: string }> {
    return {
      heading: await this.dialog.getByRole('heading').innerText(),
      address: await this.dialog.getByLabel('Address').inputValue(),
      title: await this.dialog.getByLabel('Title').inputValue(),
    };
  }

  /** The label of the field that has focus in the dialog, and whether it is marked invalid. */
  focusedField(): Promise<{ label: string; invalid: string | null }> {
    return this.dialog.evaluate((el) => {
      const dialog = el as unknown as {
        ownerDocument: {
          activeElement: { id: string; getAttribute(name: string): string | null } | null;
          querySelector(s: string): { textContent: string | null } | null;
        };
      };
      const active = dialog.ownerDocument.activeElement;
      const label = active ? dialog.ownerDocument.querySelector(`label[for="${active.id}"]`) : null;
      return { label: label?.textContent ?? '', invalid: active?.getAttribute('aria-invalid') ?? null };
    });
  }

  /** The embeds in the rich-text body, as the editor shows them. */
  bodyEmbeds(): Promise<string[]> {
    return this.page.locator('.nr-rich-text .nr-body-embed').allInnerTexts();
  }

  /** Double-clicks the n-th embed in the body, which opens its details in the dialog. */
  async openEmbed(n = 0): Promise<void> {
    await this.page.locator('.nr-rich-text .nr-body-embed').nth(n).dblclick();
    await this.dialog.waitFor();
  }
}
