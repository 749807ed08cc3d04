import type { FastifyInstance } from 'fastify';
import type { HTMLElement } from 'node-html-parser';
import { dom } from '../support/html.js';
import type { NewsroomClient } from '../support/newsroom-client.js';

/** One named control of a form, with what the page filled in and the choices it offered. */
export interface FormField {
  name: string;
  /** input type, or textarea, select, button. */
  kind: string;
  value: string;
  choices: string[];
}

/** A form as a page of the app offered it, to whom. */
export interface ScrapedForm {
  identity: string;
  page: string;
  action: string;
  method: string;
  enctype: string;
  fields: FormField[];
}

export interface Scraped {
  forms: ScrapedForm[];
  /** Every same-site address a page linked to or loaded (pages, images, scripts, styles). */
  links: string[];
  /** View beacons the article pages carried: article id and its signed token. */
  beacons: { a: number; t: string }[];
}

interface Crawler {
  identity: string;
  client: NewsroomClient;
  start: string[];
}

/** Pages of one shape (the editor of article 3 and of article 4) are crawled a few times, not once per article. */
const shapeOf = (url: string): string => url.replace(/\?.*$/, '').replace(/\d+/g, 'N');
const PAGES_PER_SHAPE = 3;
const PAGES_PER_CRAWLER = 70;
const FORMS_PER_SHAPE = 2;

const fieldsOf = (form: HTMLElement): FormField[] => {
  const byName = new Map<string, FormField>();
  for (const el of form.querySelectorAll('input, textarea, select, button')) {
    const name = el.getAttribute('name');
    if (!name) continue;
    const tag = el.tagName.toLowerCase();
    const kind = tag === 'input' ? (el.getAttribute('type') ?? 'text') : tag;
    const options = tag === 'select' ? el.querySelectorAll('option').map((o) => o.getAttribute('value') ?? o.text) : [];
    const selected = tag === 'select' ? el.querySelector('option[selected]')?.getAttribute('value') : undefined;
    const value = tag === 'textarea' ? el.textContent : (selected ?? el.getAttribute('value') ?? options[0] ?? '');
    const field = byName.get(name);
    // Buttons (and radios) of one name are one field whose choices are their values.
    if (field) field.choices.push(value);
    else byName.set(name, { name, kind, value, choices: options.length ? options : [value] });
  }
  return [...byName.values()];
};

const sameSite = (href: string): string | null => {
  if (!href.startsWith('/') || href.startsWith('//')) return null;
  return href.replace(/#.*$/, '');
};

/**
 * Walks the pages each person can reach from their start pages, following same-site links breadth first, and
 * keeps every form (with its fields as the page filled them), every address and every view beacon it saw.
 * Only GETs are sent: crawling changes nothing.
 */
export const crawl = async (app: FastifyInstance, crawlers: Crawler[]): Promise<Scraped> => {
  const forms: ScrapedForm[] = [];
  const links = new Set<string>();
  const beacons = new Map<number, string>();
  const formShapes = new Map<string, number>();
  for (const { identity, client, start } of crawlers) {
    const queue = [...start];
    const seen = new Set<string>(queue);
    const shapes = new Map<string, number>();
    let visited = 0;
    while (queue.length > 0 && visited < PAGES_PER_CRAWLER) {
      const url = queue.shift()!;
      const shape = shapeOf(url);
      if ((shapes.get(shape) ?? 0) >= PAGES_PER_SHAPE) continue;
      shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
      visited++;
      const res = await client.get(url);
      if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue;
      const page = dom(res.body);
      // A button's formaction sends the same form elsewhere ("Sign out everywhere"): each address is a form.
      const targets = page
        .querySelectorAll('form')
        .flatMap((form) => [
          { form, action: form.getAttribute('action') ?? url },
          ...form.querySelectorAll('button[formaction]').map((b) => ({ form, action: b.getAttribute('formaction')! })),
        ]);
      for (const { form, action } of targets) {
        const found: ScrapedForm = {
          identity,
          page: url,
          action,
          method: (form.getAttribute('method') ?? 'get').toUpperCase(),
          enctype: form.getAttribute('enctype') ?? 'application/x-www-form-urlencoded',
          fields: fieldsOf(form),
        };
        // The sign-out form is on every page: one copy of each form per person and shape is enough.
        const key = `${identity} ${found.method} ${shapeOf(found.action)} ${found.fields.map((f) => f.name).join()}`;
        if ((formShapes.get(key) ?? 0) >= FORMS_PER_SHAPE) continue;
        formShapes.set(key, (formShapes.get(key) ?? 0) + 1);
        forms.push(found);
      }
      for (const el of page.querySelectorAll('[href], [src]')) {
        const href = sameSite(el.getAttribute('href') ?? el.getAttribute('src') ?? '');
        if (!href) continue;
        links.add(href);
        // Sign-out links would end the crawler's session; pages with side effects are POST forms, never links.
        if (!seen.has(href) && !href.startsWith('/static/') && !href.startsWith('/media/')) {
          seen.add(href);
          queue.push(href);
        }
      }
      for (const el of page.querySelectorAll('[data-article][data-token]')) {
        beacons.set(Number(el.getAttribute('data-article')), el.getAttribute('data-token')!);
      }
    }
  }
  return { forms, links: [...links], beacons: [...beacons].map(([a, t]) => ({ a, t })) };
};
