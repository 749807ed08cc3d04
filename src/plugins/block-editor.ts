import type { BlockForm, BlockFormField } from '../domain/block-form.js';
import type { PluginRegistry } from './registry.js';
import { enumValuesOf, isNumberDef, objectFieldsOf, unwrappedDefOf } from './zod-shape.js';

const fieldOf = (name: string, schema: unknown): BlockFormField => {
  // A nullable field still needs a value (null is one); only optional and defaulted fields may be left out.
  const { def, optional } = unwrappedDefOf(schema);
  const required = !optional;
  if (def.type === 'string') return { name, kind: 'text', required };
  if (isNumberDef(def)) return { name, kind: 'number', required };
  if (def.type === 'boolean') return { name, kind: 'boolean', required };
  if (def.type === 'enum') return { name, kind: 'select', options: enumValuesOf(def).map(String), required };
  // Arrays, nested objects and anything else are typed as JSON: the save checks them with the schema.
  return { name, kind: 'json', required };
};

/**
 * The rich editor's form for each plugin block type: the plugin's label (else its type) and the schema's top-level
 * fields, read from the zod def (zod-shape.ts) so a plugin's own copy of zod works too. A schema that is not an
 * object gets no fields: its block is edited as it stands, in the markup.
 */
export const blockFormsOf = (blocks: PluginRegistry['blocks']): BlockForm[] =>
  [...blocks.values()].map((b) => ({
    type: b.type,
    label: b.editor?.label ?? b.type,
    fields: (objectFieldsOf(b.schema) ?? []).map(([name, s]) => fieldOf(name, s)),
  }));
