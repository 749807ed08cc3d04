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

/** The longest address an embed keeps, in characters (body.ts's schema; the Embed dialog says so first). */
export const MAX_EMBED_URL = 2048;
/** The longest title an embed keeps. */
export const MAX_EMBED_TITLE = 300;

/** The block types of the core body: a plugin's block type is any other name (plugins/registry.ts checks). */
export const CORE_BLOCK_TYPES: ReadonlySet<string> = new Set([
  'paragraph',
  'heading',
  'quote',
  'list',
  'image',
  'embed',
]);
/** How a plugin's block type is spelled: lower-case letters, digits and `-`, at most 48. */
export const PLUGIN_BLOCK_TYPE = /^[a-z][a-z0-9-]{0,47}$/;

declare const pluginBlockType: unique symbol;
/**
 * A plugin block's type: at run time its name (a string), to the type checker an opaque value, so that
 * `case 'paragraph':` still narrows a body's block to the core types (a `string` member, branded or not, is
 * comparable to every literal and would let each case through). Read it with pluginTypeOf.
 */
export type PluginBlockType = { readonly [pluginBlockType]: 'plugin-block-type' };

/**
 * A block a plugin defines (issue 14), stored as `{ type, ...data }`. Its data is checked by the plugin's schema
 * on save (body.ts, bodySchemaWith) and drawn by the plugin on the site; a block whose plugin is no longer
 * loaded is kept as it is and drawn as nothing.
 */
export interface PluginBlock {
  readonly type: PluginBlockType;
  readonly [field: string]: unknown;
}

/** Any block of a body: a core one or a plugin's. */
export type BodyBlock = Block | PluginBlock;
export type Body = BodyBlock[];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A plugin block of that type and data, or null when the name is a core type or not a plugin type's spelling. */
export const pluginBlockOf = (type: string, data: unknown): PluginBlock | null => {
  if (!PLUGIN_BLOCK_TYPE.test(type) || CORE_BLOCK_TYPES.has(type) || !isRecord(data)) return null;
  // Spread, never assignment: a "__proto__" key in stored JSON stays an own field instead of changing the prototype.
  return { ...data, type } as unknown as PluginBlock;
};

export const isPluginBlock = (block: BodyBlock): block is PluginBlock =>
  !CORE_BLOCK_TYPES.has(block.type as unknown as string);

/** A plugin block's type name. */
export const pluginTypeOf = (block: PluginBlock): string => block.type as unknown as string;

/** A plugin block's data: every field but its type. */
export const pluginDataOf = (block: PluginBlock): Record<string, unknown> => {
  const { type: _type, ...data } = block;
  return data;
};

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
      // A plugin's block says nothing to search or word counts: its words are the plugin's to draw.
      if (isPluginBlock(b)) return '';
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
