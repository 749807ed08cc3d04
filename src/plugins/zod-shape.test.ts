import { describe, expect, it } from 'vitest';
import { z, type ZodType } from 'zod';
import { settingsFormOf } from '../services/plugin-settings.js';
import { blockFormsOf } from './block-editor.js';
import type { PluginRegistry } from './registry.js';
import { enumValuesOf, unwrappedDefOf } from './zod-shape.js';

/**
 * The schema's defs alone, in plain objects: what a schema made by another copy of zod looks like to the host when
 * none of its objects is an instance of (or carries the traits that make `instanceof` pass for) the host's classes.
 */
const foreign = (schema: unknown): ZodType => {
  const copy = (value: unknown): unknown => {
    const def = (value as { _zod?: { def?: Record<string, unknown> } } | null)?._zod?.def;
    if (!def) return value;
    const shape = def.shape as Record<string, unknown> | undefined;
    return {
      _zod: {
        def: {
          ...def,
          innerType: copy(def.innerType),
          element: copy(def.element),
          shape: shape && Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, copy(v)])),
        },
      },
    };
  };
  return copy(schema) as ZodType;
};

const blockSchema = () =>
  z.object({
    headline: z.string(),
    count: z.number().optional(),
    shown: z.boolean().default(true),
    tone: z.enum(['calm', 'loud']).nullable(),
    items: z.array(z.string()),
  });

const formOf = (schema: ZodType) => {
  const blocks = new Map([['note', { type: 'note', schema, render: () => '', plugin: 'p' }]]);
  return blockFormsOf(blocks as unknown as PluginRegistry['blocks'])[0]!.fields;
};

describe("reading a plugin's zod schema without the host's zod classes", () => {
  it('builds the same block form for a schema whose objects are not instances of the host zod', () => {
    const expected = [
      { name: 'headline', kind: 'text', required: true },
      { name: 'count', kind: 'number', required: false },
      { name: 'shown', kind: 'boolean', required: false },
      { name: 'tone', kind: 'select', options: ['calm', 'loud'], required: true },
      { name: 'items', kind: 'json', required: true },
    ];
    expect(formOf(blockSchema())).toEqual(expected);
    const schema = foreign(blockSchema());
    expect(schema instanceof z.ZodObject).toBe(false);
    expect(formOf(schema)).toEqual(expected);
  });

  it('builds the same settings form for such a schema, a nullable setting being one that may be left empty', () => {
    const settings = () =>
      z.object({ url: z.string(), tone: z.enum(['calm', 'loud']).nullable(), lines: z.array(z.string()).default([]) });
    const form = (schema: ZodType<Record<string, unknown>>) =>
      settingsFormOf({ name: 'p', version: '1.0.0', settings: { schema } }).map((i) => [i.name, i.kind, i.optional]);
    const expected = [
      ['url', 'text', false],
      ['tone', 'choice', true],
      ['lines', 'lines', true],
    ];
    expect(form(settings())).toEqual(expected);
    expect(form(foreign(settings()) as ZodType<Record<string, unknown>>)).toEqual(expected);
  });

  it('gives no fields for a schema that is not an object, and reads wrappers and enums from the def alone', () => {
    expect(formOf(z.string())).toEqual([]);
    expect(formOf({} as ZodType)).toEqual([]);
    const wrapped = unwrappedDefOf(z.string().nullable().optional());
    expect([wrapped.def.type, wrapped.optional, wrapped.nullable]).toEqual(['string', true, true]);
    // A TypeScript numeric enum's object maps numbers back to names; those are not values.
    expect(enumValuesOf({ type: 'enum', entries: { A: 0, B: 1, 0: 'A', 1: 'B' } })).toEqual([0, 1]);
    expect(enumValuesOf({ type: 'enum', entries: { calm: 'calm', loud: 'loud' } })).toEqual(['calm', 'loud']);
  });
});
