import type { Locator } from 'playwright-core';
import { NewsroomPage, nextDocument } from './newsroom-page.js';

/** The editor form's plain fields, as typed. `section` is a section's slug. */
export interface ArticleFields {
  headline?: string;
  standfirst?: string;
  section?: string;
  authors?: string;
  tags?: string;
  slug?: string;
  seoDescription?: string;
  photoCaption?: string;
  photoCredit?: string;
  photoAlt?: string;
  note?: string;
}

/** The buttons that send the form, by their labels. */
export type EditorAction =
  'Save' | 'Submit for review' | 'Publish now' | 'Schedule' | 'Unpublish' | 'Send back to writer';
/** The rich editor's toolbar buttons, by their labels. */
export type FormatButton =
  | 'Paragraph'
  | 'Heading'
  | 'Subheading'
  | 'Bold'
  | 'Italic'
  | 'Quote'
  | 'List'
  | 'Numbered list'
  | 'Link'
  | 'Image'
  | 'Embed';

/** What the image dialog asks for. */
export interface BodyImage {
  path?: string;
  /** Instead of a file: the n-th image the library shows, newest first. */
  fromLibrary?: number;
  alt: string;
  caption?: string;
  credit?: string;
}
/** What the Link dialog asks for. */
export interface LinkChoice {
  address: string;
  newTab?: boolean;
}

/** What the form posts as `action`. */
export type WorkflowActionValue = 'save' | 'submit' | 'publish' | 'schedule' | 'unpublish' | 'send-back';

/**
 * The little of the browser's globals the in-page code touches (the project compiles without lib.dom);
 * the casts vanish when the function is sent to the browser.
 */
interface InPage {
  localStorage: { length: number; key(i: number): string | null; getItem(key: string): string | null };
  document: { querySelector(selector: string): unknown };
  FormData: new (form: unknown) => { set(name: string, value: string): void };
  fetch(url: string, init: { method: string; body: unknown; credentials: 'same-origin' }): Promise<{ status: number }>;
}

/** The article editor at /newsroom/articles/new and /newsroom/articles/:id, with its rich-text body. */
export class ArticleEditorPageObject extends NewsroomPage {
  private get richText(): Locator {
    return this.page.locator('.nr-rich-text');
  }

  private get form(): Locator {
    return this.page.locator('form.nr-editor');
  }

  /** Opens a blank editor; returns the HTTP status. */
  openNew(): Promise<number> {
    return this.open('/newsroom/articles/new');
  }

  /** Opens an article's editor as a fresh visit (no "saved" mark in the address); returns the HTTP status. */
  openArticle(id: number): Promise<number> {
    return this.open(`/newsroom/articles/${id}`);
  }

  /** The id of the article being edited, from where the form posts; null for one not saved yet. */
  async articleId(): Promise<number | null> {
    const action = (await this.form.getAttribute('action')) ?? '';
    const m = /\/newsroom\/articles\/(\d+)$/.exec(action);
    return m ? Number(m[1]) : null;
  }

  /** Types over the given plain fields (text boxes, and the section list). */
  async fill(values: ArticleFields): Promise<void> {
    for (const [name, value] of Object.entries(values) as [keyof ArticleFields, string][]) {
      if (name === 'section') await this.form.locator('#section').selectOption(value);
      else await this.form.locator(`[name="${name}"]`).fill(value);
    }
  }

  /**
   * Clicks into the rich-text body and pauses as a person would. Just after the editor gains focus, ProseMirror
   * may write its own selection back into the page (it checks 20 ms later): a key pressed sooner, as a script
   * presses it, can have its caret move undone, and the text lands at the start of the body.
   */
  private async focusBody(): Promise<void> {
    await this.richText.click();
    await this.page.waitForTimeout(100);
  }

  /** Types at the end of the rich-text body, as a person does; "\n" starts a new paragraph. */
  async typeBody(text: string): Promise<void> {
    await this.focusBody();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.type(text);
  }

  /** Selects everything in the rich-text body and types over it. */
  async replaceBody(text: string): Promise<void> {
    await this.focusBody();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(text);
  }

  /** Presses one of the rich editor's toolbar buttons. */
  async format(button: FormatButton): Promise<void> {
    await this.page
      .getByRole('toolbar', { name: 'Formatting' })
      .getByRole('button', { name: button, exact: true })
      .click();
  }

  /**
   * Places an image at the end of the body through the toolbar's Image button and its dialog, as a person does;
   * with no `path`, changes the details of the image selected in the body. Waits for it to show in the body.
   */
  async placeImage(image: BodyImage): Promise<void> {
    const before = await this.richText.locator('figure.nr-body-image').count();
    const placing = image.path !== undefined || image.fromLibrary !== undefined;
    if (placing) {
      await this.focusBody();
      await this.page.keyboard.press('Control+End');
    }
    await this.format('Image');
    const dialog = this.page.getByRole('dialog');
    if (image.path) await dialog.getByLabel('Image file').setInputFiles(image.path);
    if (image.fromLibrary !== undefined) {
      await dialog.getByRole('button', { name: 'Show the library' }).click();
      await dialog.getByRole('radio').nth(image.fromLibrary).check();
    }
    await dialog.getByLabel(/^Alt text/).fill(image.alt);
    await dialog.getByLabel('Caption').fill(image.caption ?? '');
    await dialog.getByLabel('Credit').fill(image.credit ?? '');
    await dialog.getByRole('button', { name: placing ? 'Place image' : 'Update image' }).click();
    if (placing) await this.richText.locator('figure.nr-body-image').nth(before).locator('img').waitFor();
  }

  /** Selects the n-th image in the rich-text body (clicking it, as a person does). */
  async selectImage(n = 0): Promise<void> {
    await this.richText.locator('figure.nr-body-image').nth(n).click();
  }

  /** The images in the rich-text body: their preview's alt text and whether the preview loaded. */
  bodyImages(): Promise<{ alt: string; loaded: boolean; caption: string }[]> {
    return this.richText.locator('figure.nr-body-image').evaluateAll((figures) =>
      figures.map((f) => {
        const el = f as unknown as {
          querySelector(s: string): { alt?: string; naturalWidth?: number; textContent: string | null } | null;
        };
        const img = el.querySelector('img');
        return {
          alt: img?.alt ?? '',
          loaded: (img?.naturalWidth ?? 0) > 0,
          caption: el.querySelector('figcaption')?.textContent ?? '',
        };
      }),
    );
  }

  /** The message shown above the form (an upload that failed, a kept copy…), or null. */
  async notice(): Promise<string | null> {
    const box = this.page.locator('.nr-notice').last();
    return (await box.count()) ? box.innerText() : null;
  }

  /** The rich-text body as the writer sees it: each paragraph, heading, quote or list as text. */
  bodyBlocks(): Promise<string[]> {
    return this.richText.locator(':scope > *').allInnerTexts();
  }

  /** The runs of bold text in the rich-text body. */
  boldText(): Promise<string[]> {
    return this.richText.locator('strong').allInnerTexts();
  }

  /** The body as the form will post it: the hidden textarea's markup. */
  bodyMarkup(): Promise<string> {
    return this.form.locator('textarea#body').inputValue();
  }

  /** The current value of a plain field. */
  fieldValue(name: keyof ArticleFields): Promise<string> {
    return this.form.locator(`[name="${name}"]`).inputValue();
  }

  async attachPhoto(path: string): Promise<void> {
    await this.form.locator('#photo').setInputFiles(path);
  }

  /** The alt text of the current photo's preview, or null when the article has no photo. */
  async photoPreviewAlt(): Promise<string | null> {
    const preview = this.form.locator('.nr-photo img');
    return (await preview.count()) ? preview.getAttribute('alt') : null;
  }

  /** Fills in the site-time publication date and time, as "YYYY-MM-DDTHH:MM". */
  async scheduleAt(value: string): Promise<void> {
    await this.form.locator('#scheduleAt').fill(value);
  }

  async markSignificant(): Promise<void> {
    await this.form.locator('input[name="significant"]').check();
  }

  /** Sends the form with one of its buttons; returns the HTTP status of the page it lands on. */
  async press(action: EditorAction): Promise<number> {
    const button = this.form.getByRole('button', { name: action, exact: true });
    return (await nextDocument(this.page, () => button.click())).status();
  }

  /** The labels of the buttons that send the form, in order: what this person may do with the article. */
  actions(): Promise<string[]> {
    return this.form.locator('button[name="action"]').allInnerTexts();
  }

  /**
   * Posts the form as it stands (its CSRF token included) with another `action` than its buttons offer, as a
   * crafted request from the page would; returns the HTTP status.
   */
  attemptAction(action: WorkflowActionValue): Promise<number> {
    return this.page.evaluate(async (value) => {
      const w = globalThis as unknown as InPage;
      // Read as an attribute: the form's `action` property names its buttons, which are called "action".
      const form = w.document.querySelector('form.nr-editor') as { getAttribute(name: string): string };
      const data = new w.FormData(form);
      data.set('action', value);
      return (await w.fetch(form.getAttribute('action'), { method: 'POST', body: data, credentials: 'same-origin' }))
        .status;
    }, action);
  }

  /** "Draft", "In review", "Scheduled", "Published"…, or "Not saved yet". */
  async status(): Promise<string> {
    const strong = this.page.locator('.nr-status strong');
    return (await strong.count()) ? strong.innerText() : this.page.locator('.nr-status').innerText();
  }

  /** Where readers find the article, once it is published. */
  publicPath(): Promise<string | null> {
    return this.page.locator('.nr-status').getByRole('link', { name: 'View on the site' }).getAttribute('href');
  }

  /** The box shown when someone else saved meanwhile, as text; null when there is none. */
  async conflict(): Promise<string | null> {
    const box = this.page.locator('.nr-conflict');
    return (await box.count()) ? box.innerText() : null;
  }

  /** In the conflict box, for a field both people changed ("body", "headline"…): their text and mine, part by part. */
  async clashesIn(field: string): Promise<{ theirs: string; mine: string }[]> {
    const box = this.page
      .locator('.nr-conflict .nr-diff')
      .filter({ has: this.page.getByRole('heading', { name: `Both changed the ${field}` }) });
    const theirs = await box.locator('.nr-theirs pre').allInnerTexts();
    const mine = await box.locator('.nr-mine pre').allInnerTexts();
    return theirs.map((t, i) => ({ theirs: t, mine: mine[i] ?? '' }));
  }

  /** From the conflict box, saves only my own version over theirs; returns the HTTP status it lands on. */
  async takeOver(): Promise<number> {
    const button = this.page.locator('.nr-conflict').getByRole('button', { name: 'Take over: save only my version' });
    return (await nextDocument(this.page, () => button.click())).status();
  }

  /** The field-by-field and form-wide messages after a refused save. */
  errors(): Promise<string[]> {
    return this.page.locator('.nr-error').allInnerTexts();
  }

  /** Adds a correction, clarification or editor's note (by its label); returns the HTTP status it lands on. */
  async addCorrection(kind: string, text: string): Promise<number> {
    const box = this.page.locator('.nr-corrections');
    await box.locator('#kind').selectOption({ label: kind });
    await box.locator('#text').fill(text);
    return (await nextDocument(this.page, () => box.getByRole('button', { name: 'Add notice' }).click())).status();
  }

  /** The corrections listed under the editor. */
  corrections(): Promise<string[]> {
    return this.page.locator('.nr-corrections li').allInnerTexts();
  }

  /** Waits until this browser keeps a copy of the form that includes the text (it writes one shortly after typing). */
  async awaitBrowserCopyOf(text: string): Promise<void> {
    await this.page.waitForFunction(
      (wanted) => {
        const storage = (globalThis as unknown as InPage).localStorage;
        for (let i = 0; i < storage.length; i++) {
          const key = storage.key(i);
          if (key?.startsWith('dateline:editor:') && storage.getItem(key)?.includes(wanted)) return true;
        }
        return false;
      },
      JSON.stringify(text).slice(1, -1),
    );
  }

  /** How often the editor autosaves, as the server tells the browser on the form; null when it does not say. */
  async autosaveIntervalMs(): Promise<number | null> {
    const value = await this.form.getAttribute('data-autosave-ms');
    return value === null ? null : Number(value);
  }

  /** Waits for the editor's own autosave to report (once its interval has passed); returns its words. */
  async autosaveReport(timeoutMs = 5_000): Promise<string> {
    const indicator = this.page.locator('.nr-autosave').filter({ hasText: /\S/ });
    await indicator.waitFor({ timeout: timeoutMs });
    return indicator.innerText();
  }

  /**
   * Selects the first occurrence of `words` in the rich-text body, as a person dragging over them would (the
   * browser's selection, which the editor follows).
   */
  async selectInBody(words: string): Promise<void> {
    await this.focusBody();
    const found = await this.richText.evaluate((root, wanted) => {
      interface TextNode {
        data: string;
      }
      const w = globalThis as unknown as {
        document: {
          createTreeWalker(root: unknown, what: number): { nextNode(): TextNode | null };
          createRange(): { setStart(n: TextNode, o: number): void; setEnd(n: TextNode, o: number): void };
          getSelection(): { removeAllRanges(): void; addRange(r: unknown): void };
        };
      };
      const walker = w.document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(wanted);
        if (at < 0) continue;
        const range = w.document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const selection = w.document.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        return true;
      }
      return false;
    }, words);
    if (!found) throw new Error(`"${words}" is not in the body`);
    // The editor reads the browser's selection on its next selectionchange: give it that moment.
    await this.page.waitForTimeout(100);
  }

  /** The Link dialog, while it is open. */
  get linkDialog(): Locator {
    return this.page.getByRole('dialog', { name: /link/i });
  }

  /** Presses Link on the toolbar and waits for its dialog. */
  async openLinkDialog(): Promise<void> {
    await this.format('Link');
    await this.linkDialog.waitFor();
  }

  /** Fills in the open Link dialog, without confirming it. */
  async fillLink(link: LinkChoice): Promise<void> {
    await this.linkDialog.getByLabel('Address').fill(link.address);
    await this.linkDialog.getByLabel('Open in a new tab').setChecked(link.newTab ?? false);
  }

  /** Confirms the Link dialog with its Insert (or, for a link being changed, Update) button. */
  async confirmLink(): Promise<void> {
    await this.linkDialog.getByRole('button', { name: /^(Insert|Update)$/ }).click();
  }

  /** What the open Link dialog says is wrong with the address; empty when nothing is. */
  linkProblem(): Promise<string> {
    return this.linkDialog.getByRole('alert').innerText();
  }

  /** The Link dialog's fields as they stand: its heading, the address, and whether the link opens in a new tab. */
  async linkDialogFields(): Promise<{ title: string; address: string; newTab: boolean }> {
    return {
      title: await this.linkDialog.getByRole('heading').innerText(),
      address: await this.linkDialog.getByLabel('Address').inputValue(),
      newTab: await this.linkDialog.getByLabel('Open in a new tab').isChecked(),
    };
  }

  /** Whether typing now goes into the rich-text body. */
  bodyHasFocus(): Promise<boolean> {
    return this.richText.evaluate(
      (el) => (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement === el,
    );
  }

  /** The links in the rich-text body: their words, address and target. */
  bodyLinks(): Promise<{ text: string; href: string | null; target: string | null }[]> {
    return this.richText.locator('a').evaluateAll((links) =>
      links.map((a) => {
        const link = a as unknown as { textContent: string | null; getAttribute(name: string): string | null };
        return { text: link.textContent ?? '', href: link.getAttribute('href'), target: link.getAttribute('target') };
      }),
    );
  }

  /** The hints shown about the body (each editor says what it takes). */
  async visibleBodyHints(): Promise<string[]> {
    const hints = this.form.locator('#body-hint, #body-rich-hint');
    const shown: string[] = [];
    for (const hint of await hints.all()) if (await hint.isVisible()) shown.push(await hint.innerText());
    return shown;
  }

  /** The font a field is drawn in, as the browser computed it (e.g. for the standfirst and the headline). */
  fieldFont(name: keyof ArticleFields): Promise<string> {
    return this.form
      .locator(`[name="${name}"]`)
      .evaluate(
        (el) =>
          (globalThis as unknown as { getComputedStyle(e: unknown): { fontFamily: string } }).getComputedStyle(el)
            .fontFamily,
      );
  }

  /** Whether this browser keeps a copy of any editor form (the kept text a later visit may offer back). */
  hasBrowserCopy(): Promise<boolean> {
    return this.page.evaluate(() => {
      const storage = (globalThis as unknown as InPage).localStorage;
      for (let i = 0; i < storage.length; i++) if (storage.key(i)?.startsWith('dateline:editor:')) return true;
      return false;
    });
  }

  /** Reloads the page without sending the form. */
  async reload(): Promise<void> {
    await this.page.reload({ waitUntil: 'load' });
  }

  /** Accepts the notice's offer to bring back the copy this browser kept. */
  async restoreBrowserCopy(): Promise<void> {
    await this.page.getByRole('button', { name: 'Restore it' }).click();
  }
}
