import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue } from 'axe-core';
import type { Page } from 'playwright-core';
import { screenshotPath } from '../support/browser.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The little of the browser's globals these page objects touch. The project compiles without lib.dom, so code
 * that runs inside the page names its types here; the casts vanish when the function is sent to the browser.
 */
interface InPageElement {
  tagName: string;
  id: string;
  className: string;
  getBoundingClientRect(): { right: number };
}
interface InPage {
  document: {
    documentElement: { scrollWidth: number; clientWidth: number };
    querySelectorAll(selector: string): Iterable<InPageElement>;
  };
  axe: { run(options: { resultTypes: string[] }): Promise<AxeResults> } | undefined;
  getComputedStyle(element: unknown): { backgroundColor: string; color: string };
}
interface InPageImage {
  complete: boolean;
  currentSrc: string;
  naturalWidth: number;
  alt: string;
  getAttribute(name: string): string | null;
  addEventListener(type: 'load' | 'error', listener: () => void, options: { once: boolean }): void;
}

export interface AccessibilityViolation {
  id: string;
  impact: ImpactValue | undefined;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

/** The serious and critical violations, each as readable lines naming where it is: a test expects none. */
export const seriousOrCritical = (violations: AccessibilityViolation[]): string[] =>
  violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) =>
      [
        `${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`,
        ...v.nodes.map((n) => `    at ${n.target}: ${n.html}\n      ${n.summary.replace(/\n/g, '\n      ')}`),
      ].join('\n'),
    );

export interface ImageInfo {
  src: string;
  alt: string | null;
  width: string | null;
  height: string | null;
  naturalWidth: number;
}

/** What every reader page shares: the masthead and nav, the footer, and what a browser can measure. */
export class SitePage {
  constructor(readonly page: Page) {}

  /** Goes to a path on the site and returns the HTTP status. */
  async open(path: string): Promise<number> {
    const response = await this.page.goto(path);
    if (!response) throw new Error(`no response for ${path}`);
    return response.status();
  }

  title(): Promise<string> {
    return this.page.title();
  }

  mainHeading(): Promise<string> {
    return this.page.locator('main h1').first().innerText();
  }

  sectionLinks(): Promise<string[]> {
    return this.page.locator('nav[aria-label="Sections"] a').allInnerTexts();
  }

  /** The width of the laid-out document: wider than the viewport means the reader scrolls sideways. */
  scrollWidth(): Promise<number> {
    return this.page.evaluate(() => (globalThis as unknown as InPage).document.documentElement.scrollWidth);
  }

  /** Elements that reach past the right edge of a viewport this wide, as "tag#id.class" (at most ten). */
  elementsWiderThan(width: number): Promise<string[]> {
    return this.page.evaluate((limit) => {
      const found: string[] = [];
      for (const el of (globalThis as unknown as InPage).document.querySelectorAll('body *')) {
        const right = el.getBoundingClientRect().right;
        if (right <= limit + 0.5) continue;
        const id = el.id ? `#${el.id}` : '';
        const classes =
          typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        found.push(`${el.tagName.toLowerCase()}${id}${classes} (right edge ${Math.round(right)} px)`);
        if (found.length === 10) break;
      }
      return found;
    }, width);
  }

  /** The page's colours as drawn: "rgb(…)" of the body's background and text. */
  colours(): Promise<{ background: string; text: string }> {
    return this.page.evaluate(() => {
      const inPage = globalThis as unknown as InPage & { document: { body: unknown } };
      const style = inPage.getComputedStyle(inPage.document.body);
      return { background: style.backgroundColor, text: style.color };
    });
  }

  /** Every <img>, scrolled into view (so lazy ones load) and waited for. */
  async images(): Promise<ImageInfo[]> {
    const images = await this.page.locator('img').all();
    const info: ImageInfo[] = [];
    for (const image of images) {
      await image.scrollIntoViewIfNeeded();
      info.push(
        await image.evaluate(async (element) => {
          const img = element as unknown as InPageImage;
          if (!img.complete) {
            await new Promise<void>((done) => {
              img.addEventListener('load', () => done(), { once: true });
              img.addEventListener('error', () => done(), { once: true });
            });
          }
          return {
            src: img.currentSrc,
            alt: img.getAttribute('alt'),
            width: img.getAttribute('width'),
            height: img.getAttribute('height'),
            naturalWidth: img.naturalWidth,
          };
        }),
      );
    }
    return info;
  }

  /**
   * Runs axe-core on the page as it stands. The site's Content-Security-Policy forbids inline scripts, so the
   * page must be in a context opened with `bypassCSP: true`. Injected once per document (a second audit of the
   * same page, e.g. in the other colour scheme, reuses it); only violations are gathered in full, which spares
   * axe describing every node that passed.
   */
  async accessibilityViolations(): Promise<AccessibilityViolation[]> {
    const injected = await this.page.evaluate(() => (globalThis as unknown as InPage).axe !== undefined);
    if (!injected) await this.page.addScriptTag({ content: axeSource });
    const results = await this.page.evaluate(() =>
      (globalThis as unknown as InPage).axe!.run({ resultTypes: ['violations'] }),
    );
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary ?? '' })),
    }));
  }

  /** Saves the whole page to test-results/e2e/<name>.png for people to look at. */
  async screenshot(name: string): Promise<string> {
    const path = screenshotPath(name);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }
}
