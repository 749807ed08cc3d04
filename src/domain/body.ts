import { z, type ZodType } from 'zod';
import {
  CORE_BLOCK_TYPES,
  isPluginBlock,
  MAX_EMBED_TITLE,
  MAX_EMBED_URL,
  pluginBlockOf,
  pluginDataOf,
  type Block,
  type Body,
  type BodyBlock,
  type Inline,
  type Mark,
  type PluginBlock,
} from './body-text.js';
import { MAX_ROW_ID } from './ids.js';
import { groupDigits } from './digits.js';

/**
 * The article body is a structured document of typed blocks. It is rendered by our own code
 * (views/reader/BodyBlocks.tsx), never injected as HTML, so a stored body cannot carry script.
 * The types live in body-text.ts, free of zod; body.test.ts holds these schemas to them exactly.
 */

export const MarkSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('em') }),
  z.object({ type: z.literal('strong') }),
  z.object({ type: z.literal('link'), href: z.string().max(2048), newTab: z.literal(true).optional() }),
]);

export const InlineSchema = z.object({
  text: z.string().max(20_000),
  marks: z.array(MarkSchema).max(3).optional(),
});

const InlinesSchema = z.array(InlineSchema).max(500);

export const BlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), content: InlinesSchema }),
  z.object({ type: z.literal('heading'), level: z.union([z.literal(2), z.literal(3)]), content: InlinesSchema }),
  z.object({ type: z.literal('quote'), content: InlinesSchema, cite: z.string().max(300).optional() }),
  z.object({ type: z.literal('list'), ordered: z.boolean(), items: z.array(InlinesSchema).min(1).max(200) }),
  z.object({
    type: z.literal('image'),
    mediaId: z.number().int().positive().max(MAX_ROW_ID),
    alt: z.string().min(1).max(500),
    caption: z.string().max(1000).optional(),
    credit: z.string().max(300).optional(),
  }),
  z.object({
    type: z.literal('embed'),
    url: z.string().max(MAX_EMBED_URL),
    title: z.string().min(1).max(MAX_EMBED_TITLE),
  }),
]);

const MAX_BLOCKS = 2000;

/** A body of core blocks only: what publication pages hold. */
export const CoreBodySchema = z.array(BlockSchema).max(MAX_BLOCKS);

/**
 * A plugin block as read back from storage or a revision: any plugin type's spelling, its data kept as it is. It is
 * not checked against its plugin here: the plugin may have been removed (the block is then kept, and drawn as
 * nothing) or changed its schema (the site checks the data again before drawing it).
 */
const StoredPluginBlockSchema = z.looseObject({ type: z.string() }).transform((raw, ctx): PluginBlock => {
  const block = pluginBlockOf(raw.type, raw);
  if (block) return block;
  ctx.addIssue({ code: 'custom', message: `unknown block type ${JSON.stringify(raw.type)}` });
  return z.NEVER;
});

/**
 * A body as stored (and as revisions keep it): core blocks checked in full, plugin blocks by their type's spelling
 * only. A save checks more: bodySchemaWith.
 */
export const BodySchema = z.array(z.union([BlockSchema, StoredPluginBlockSchema])).max(MAX_BLOCKS);

/** What the body needs of a plugin's block type (plugins/contract.ts BlockDefinition): given, never imported. */
export interface BodyBlockType {
  schema: ZodType;
  editor?: { label: string } | undefined;
}
export type BodyBlockTypes = ReadonlyMap<string, BodyBlockType>;

const UNREADABLE = 'The body could not be read; check links and lists.';

/** JSON with every object's keys in order: two blocks holding the same data spell it alike. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

const issueText = (issue: z.core.$ZodIssue): string =>
  issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;

/**
 * The body a save may store, given the loaded plugins' block types: core blocks as BlockSchema says; a plugin block
 * checked by its plugin's schema (and stored as the schema gives it back); a block of a type no loaded plugin
 * defines only when `kept` (the body as it was stored) holds the very same block, so a removed plugin's blocks
 * survive editing around them but none can be added or changed. Each refusal is one issue naming the block.
 */
export const bodySchemaWith = (types: BodyBlockTypes, kept: Body = []) => {
  const keptBlocks = new Set(kept.filter(isPluginBlock).map(canonicalJson));
  const block = z.looseObject({ type: z.string() }).transform((raw, ctx): BodyBlock => {
    const refuse = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (CORE_BLOCK_TYPES.has(raw.type)) {
      const core = BlockSchema.safeParse(raw);
      return core.success ? core.data : refuse(UNREADABLE);
    }
    const plugin = pluginBlockOf(raw.type, raw);
    if (!plugin) return refuse(`The body has a block of unknown type ${JSON.stringify(raw.type)}.`);
    const type = types.get(raw.type);
    if (!type) {
      if (keptBlocks.has(canonicalJson(plugin))) return plugin;
      return refuse(
        `The body has a "${raw.type}" block, which no loaded plugin defines: remove it, or ask for the plugin that adds it.`,
      );
    }
    const name = `The "${type.editor?.label ?? raw.type}" block`;
    let checked: ReturnType<ZodType['safeParse']>;
    try {
      checked = type.schema.safeParse(pluginDataOf(plugin));
    } catch {
      // A schema with asynchronous checks cannot run here; the plugin's author learns of it on the first save.
      return refuse(`${name} could not be checked: its plugin's schema is asynchronous.`);
    }
    if (!checked.success) return refuse(`${name} is not complete: ${checked.error.issues.map(issueText).join('; ')}.`);
    return pluginBlockOf(raw.type, checked.data) ?? refuse(`${name}'s plugin schema must describe an object.`);
  });
  return z.array(block).max(MAX_BLOCKS, `Keep the body under ${groupDigits(MAX_BLOCKS)} blocks.`);
};

/** The first reason a body was refused, as the newsroom shows it. */
export const bodyProblemOf = (error: z.ZodError): string => error.issues[0]?.message ?? UNREADABLE;

/** Shorthand for the most common block: a paragraph of plain text. */
export const paragraph = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });

/** A body as stored (JSON text). One that no longer parses or validates reads as empty rather than unsafe. */
export const storedBody = (json: string): Body => {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  const parsed = BodySchema.safeParse(raw);
  return parsed.success ? parsed.data : [];
};

export type { Block, Body, BodyBlock, Inline, Mark, PluginBlock };
// Reading a body needs no schema: those helpers live apart, so the browser's editor can use them without zod.
export {
  bodyText,
  imageIdsOf,
  inlineText,
  isPluginBlock,
  isSafeHref,
  pluginBlockOf,
  pluginDataOf,
  pluginTypeOf,
} from './body-text.js';
