/**
 * Reading a plugin's zod schema for the newsroom's forms (plugin settings, block forms). A plugin in the operator's
 * folder imports its own copy of zod, whose schemas are not instances of the host's classes, so these read what
 * zod 4 says a schema is (its `_zod.def`) and never use `instanceof`.
 */

/** The parts of a zod 4 `_zod.def` the forms read. */
export interface ZodDef {
  type?: string;
  innerType?: unknown;
  element?: unknown;
  entries?: Record<string, string | number>;
  shape?: Record<string, unknown>;
}

/** A schema's def, or an empty one for anything that is not a zod 4 schema. */
export const defOf = (schema: unknown): ZodDef => (schema as { _zod?: { def?: ZodDef } } | null)?._zod?.def ?? {};

/** A field's def under its optional, default and nullable wrappers, and which of them it had. */
export interface UnwrappedDef {
  def: ZodDef;
  /** Optional or defaulted: the field may be left out. */
  optional: boolean;
  nullable: boolean;
}

export const unwrappedDefOf = (schema: unknown): UnwrappedDef => {
  let def = defOf(schema);
  let optional = false;
  let nullable = false;
  while (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') {
    if (def.type === 'nullable') nullable = true;
    else optional = true;
    def = defOf(def.innerType);
  }
  return { def, optional, nullable };
};

/** An object schema's fields in the schema's order; null for a schema that is not an object. */
export const objectFieldsOf = (schema: unknown): [string, unknown][] | null => {
  const def = defOf(schema);
  return def.type === 'object' ? Object.entries(def.shape ?? {}) : null;
};

/** Whether a def is a number (a def of type `int` is read as one too). */
export const isNumberDef = (def: ZodDef): boolean => def.type === 'number' || def.type === 'int';

/**
 * An enum's values, as zod accepts them. A TypeScript numeric enum's object also maps each number back to its
 * name (`{ A: 0, 0: 'A' }`); those reverse keys are not values.
 */
export const enumValuesOf = (def: ZodDef): (string | number)[] => {
  const entries = Object.entries(def.entries ?? {});
  const numbers = new Set(entries.flatMap(([, v]) => (typeof v === 'number' ? [String(v)] : [])));
  return entries.filter(([key]) => !numbers.has(key)).map(([, v]) => v);
};
