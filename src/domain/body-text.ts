import type { Body, Inline } from './body.js';

/**
 * Reading a body: its text, its links' safety, the images it places. Free of the zod schema in body.ts, so
 * the newsroom's browser bundle can use these without carrying the validator.
 */

/** Only http(s) and mailto links survive; anything else (javascript:, data:) is dropped to plain text. */
export const isSafeHref = (href: string): boolean => /^(https?:\/\/|mailto:|\/(?!\/))/i.test(href.trim());

export const inlineText = (content: Inline[]): string => content.map((i) => i.text).join('');

/** The library images a body places, each once, in order. */
export const imageIdsOf = (body: Body): number[] => [...new Set(body.flatMap((b) => (b.type === 'image' ? [b.mediaId] : [])))];

/** Plain text of the whole body, for search, descriptions and word counts. */
export const bodyText = (body: Body): string =>
  body
    .map((b) => {
      switch (b.type) {
        case 'paragraph':
        case 'heading':
        case 'quote':
          return inlineText(b.content);
        case 'list':
          return b.items.map(inlineText).join('\n');
        case 'image':
          return b.caption ?? '';
        case 'embed':
          return b.title;
      }
    })
    .filter((t) => t.length > 0)
    .join('\n');
