import { z, type ZodType } from 'zod';
import type { BlockForm, BlockFormField } from '../domain/block-form.js';
import type { PluginRegistry } from './registry.js';

/** A field's schema without the wrappers that only say whether it may be left out. */
const unwrapped = (schema: ZodType): { inner: ZodType; required: boolean } => {
  let inner = schema;
  let required = true;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodNullable) {
    if (!(inner instanceof z.ZodNullable)) required = false;
    inner = inner.unwrap() as ZodType;
  }
  return { inner, required };
};

const fieldOf = (name: string, schema: ZodType): BlockFormField => {
  const { inner, required } = unwrapped(schema);
  if (inner instanceof z.ZodString) return { name, kind: 'text', required };
  if (inner instanceof z.ZodNumber) return { name, kind: 'number', required };
  if (inner instanceof z.ZodBoolean) return { name, kind: 'boolean', required };
  if (inner instanceof z.ZodEnum) return { name, kind: 'select', options: inner.options.map(String), required };
  // Arrays, nested objects and anything else are typed as JSON: the save checks them with the schema.
  return { name, kind: 'json', required };
};

/**
 * The rich editor's form for each plugin block type: the plugin's label (else its type) and the schema's top-level
 * fields. A schema that is not an object gets no fields: its block is edited as it stands, in the markup.
 */
export const blockFormsOf = (blocks: PluginRegistry['blocks']): BlockForm[] =>
  [...blocks.values()].map((b) => ({
    type: b.type,
    label: b.editor?.label ?? b.type,
    fields:
      b.schema instanceof z.ZodObject
        ? Object.entries(b.schema.shape as Record<string, ZodType>).map(([name, s]) => fieldOf(name, s))
        : [],
  }));
