import { z } from 'zod';
import type { Block, Body, Inline, Mark } from './body-text.js';
import { MAX_ROW_ID } from './ids.js';

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
    url: z.string().max(2048),
    title: z.string().min(1).max(300),
  }),
]);

export const BodySchema = z.array(BlockSchema).max(2000);

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

export type { Block, Body, Inline, Mark };
// Reading a body needs no schema: those helpers live apart, so the browser's editor can use them without zod.
export { bodyText, imageIdsOf, inlineText, isSafeHref } from './body-text.js';
