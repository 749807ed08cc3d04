/**
 * What the newsroom's rich editor knows of a plugin's block type: its label and a form of its schema's top-level
 * fields (plugins/block-editor.ts builds it from the zod schema on the server). The page carries it as JSON; the
 * editor never gets the plugin's functions. Free of zod, so the browser's bundle can read it.
 */
export type BlockFieldKind = 'text' | 'number' | 'boolean' | 'select' | 'json';

export interface BlockFormField {
  name: string;
  kind: BlockFieldKind;
  /** The choices of a `select` (a zod enum). */
  options?: string[] | undefined;
  /** Without a value the schema refuses the block (the field is neither optional nor defaulted). */
  required: boolean;
}

export interface BlockForm {
  type: string;
  label: string;
  fields: BlockFormField[];
}

const KINDS = new Set<string>(['text', 'number', 'boolean', 'select', 'json']);

const fieldOf = (value: unknown): BlockFormField | null => {
  if (typeof value !== 'object' || value === null) return null;
  const f = value as Record<string, unknown>;
  if (typeof f.name !== 'string' || typeof f.kind !== 'string' || !KINDS.has(f.kind)) return null;
  const options = Array.isArray(f.options) ? f.options.filter((o): o is string => typeof o === 'string') : undefined;
  return { name: f.name, kind: f.kind as BlockFieldKind, options, required: f.required === true };
};

/** The block forms in a page's JSON; anything that is not one is left out. */
export const readBlockForms = (text: string | undefined): BlockForm[] => {
  let value: unknown;
  try {
    value = JSON.parse(text || '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw: unknown): BlockForm[] => {
    if (typeof raw !== 'object' || raw === null) return [];
    const b = raw as Record<string, unknown>;
    if (typeof b.type !== 'string' || typeof b.label !== 'string' || !Array.isArray(b.fields)) return [];
    return [{ type: b.type, label: b.label, fields: b.fields.flatMap((f) => fieldOf(f) ?? []) }];
  });
};
