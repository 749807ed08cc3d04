import type { FieldDefinition } from '../plugins/contract.js';
import type { CustomFieldValues } from './custom-fields.js';

/** One custom field that differs between two versions of an article, in words: its label, before and after. */
export interface CustomFieldChange {
  label: string;
  before: string;
  after: string;
}

type Stored = string | boolean | undefined;

/** A value as the revisions page shows it; a box is ticked or not, so an absent box reads as unticked. */
const shown = (value: Stored, isBox: boolean): string => {
  if (value === true) return 'ticked';
  if (value === false || (value === undefined && isBox)) return 'not ticked';
  return value === undefined || value === '' ? '(empty)' : value;
};

/**
 * The custom fields that differ from `before` to `after`: the plugins' fields in their order, by label, then any
 * stored value of a field no plugin defines now, by its stored name (removing a plugin keeps its values, so their
 * changes still show). Compared as shown, so an unticked box and one never stored are not a change.
 */
export const customFieldChanges = (
  fields: readonly FieldDefinition[],
  before: CustomFieldValues,
  after: CustomFieldValues,
): CustomFieldChange[] => {
  const defined = new Set(fields.map((f) => f.name));
  const others = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((n) => !defined.has(n)).sort();
  const named = [
    ...fields.map((f) => ({ name: f.name, label: f.label, isBox: f.type === 'boolean' })),
    ...others.map((name) => ({
      name,
      label: name,
      isBox: typeof before[name] === 'boolean' || typeof after[name] === 'boolean',
    })),
  ];
  return named.flatMap(({ name, label, isBox }) => {
    const change = { label, before: shown(before[name], isBox), after: shown(after[name], isBox) };
    return change.before === change.after ? [] : [change];
  });
};
