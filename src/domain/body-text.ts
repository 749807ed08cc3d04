/**
 * The body's shape and how to read it: its text, its links' safety, the images it places. Free of the zod
 * schema in body.ts (which validates exactly these types), so the newsroom's browser bundle can use this
 * module without carrying the validator.
 */

/** A link's `newTab` asks readers' browsers to open it in a new tab (rendered with rel="noopener"). */
export type Mark = { type: 'em' } | { type: 'strong' } | { type: 'link'; href: string; newTab?: true | undefined };

export interface Inline {
  text: string;
  marks?: Mark[] | undefined;
}

export type Block =
  | { type: 'paragraph'; content: Inline[] }
  | { type: 'heading'; level: 2 | 3; content: Inline[] }
  | { type: 'quote'; content: Inline[]; cite?: string | undefined }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'image'; mediaId: number; alt: string; caption?: string | undefined; credit?: string | undefined }
  | { type: 'embed'; url: string; title: string };

export type Body = Block[];

/**
 * Only http(s), mailto and paths on this site survive; anything else (javascript:, data:) is dropped to plain
 * text. Browsers drop tabs and line breaks inside a URL and read a backslash as a slash, so "/\\host" and
 * "/<tab>/host" are addresses on another host: a site path may hold neither.
 */
export const isSafeHref = (href: string): boolean => {
  const h = href.trim();
  if ([...h].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return false;
  return /^(https?:\/\/|mailto:)/i.test(h) || /^\/(?![/\\])[^\\]*$/.test(h);
};

export const inlineText = (content: Inline[]): string => content.map((i) => i.text).join('');

/** The library images a body places, each once, in order. */
export const imageIdsOf = (body: Body): number[] => [
  ...new Set(body.flatMap((b) => (b.type === 'image' ? [b.mediaId] : []))),
];

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
