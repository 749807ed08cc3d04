import { z } from 'zod';
import type { FieldDefinition } from '../plugins/contract.js';

/**
 * Plugins' custom fields on an article (issue 14): stored per article as one JSON object, by field name. A text,
 * url, select or date field holds a string, a boolean field true or false; an empty field holds nothing (its name is
 * absent). Values of fields no plugin defines any more stay stored: removing a plugin loses nothing.
 */
export type CustomFieldValues = Record<string, string | boolean>;

/** The longest text a text field keeps, in characters. */
export const MAX_FIELD_TEXT = 500;
/** The longest web address a url field keeps. */
export const MAX_FIELD_URL = 2000;

/** The editor form's name for a field: plugin field names are lower-case letters, digits and _, so never clash. */
export const fieldFormName = (name: string): `custom-${string}` => `custom-${name}`;
const FORM_NAME = /^custom-([a-z][a-z0-9_]{0,47})$/;

const StoredValues = z.record(z.string(), z.union([z.string(), z.boolean()]));

/** The stored column read back; a value that is not such an object (written by hand) reads as none. */
export const parseStoredCustomFields = (text: string | null): CustomFieldValues => {
  if (text === null || text === '') return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {};
  }
  const parsed = StoredValues.safeParse(raw);
  return parsed.success ? parsed.data : {};
};

/** The schema a revision's copy keeps the values under. */
export const CustomFieldValuesSchema = StoredValues;

/** What the column stores: null when there is nothing, so an article without custom fields stores what it did. */
export const serializeCustomFields = (values: CustomFieldValues): string | null =>
  Object.keys(values).length === 0 ? null : JSON.stringify(values);

/** Stored values as the editor form spells them: a ticked box is "on", an unticked one empty. */
export const customFormValues = (values: CustomFieldValues): Record<`custom-${string}`, string> => {
  const out: Record<`custom-${string}`, string> = {};
  for (const [name, value] of Object.entries(values))
    out[`custom-${name}`] = value === true ? 'on' : value === false ? '' : value;
  return out;
};

/** The custom fields a form post carried, by field name, as typed (strings only, at most 100 of them). */
export const typedCustomFields = (form: object): Record<string, string> => {
  const out: Record<string, string> = {};
  let count = 0;
  for (const [key, value] of Object.entries(form)) {
    const name = FORM_NAME.exec(key)?.[1];
    if (name === undefined || typeof value !== 'string' || ++count > 100) continue;
    out[name] = value;
  }
  return out;
};

export interface CustomFieldsReading {
  /** Every value to store: the defined fields' as read, and the stored ones of fields no longer defined. */
  values: CustomFieldValues;
  /** Messages by form name (custom-…), for the fields that do not fit. */
  errors: Record<string, string>;
}

type Read = { ok: true; value: string | boolean | null } | { ok: false; message: string };

const isCalendarDate = (text: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(year, month - 1, day));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
};

const isWebAddress = (text: string): boolean => {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
};

/** One field's typed text read by its type: the value to keep (null: none), or what is wrong with it. */
const readField = (field: FieldDefinition, typed: string): Read => {
  const label = `“${field.label}”`;
  if (field.type === 'boolean') {
    if (typed === '' || typed === 'on') return { ok: true, value: typed === 'on' };
    return { ok: false, message: `Tick ${label} or leave it unticked.` };
  }
  // One line: a field's text is a name, an address or a date, never a paragraph.
  const text = typed.replace(/\s+/g, ' ').trim();
  if (text === '') return { ok: true, value: null };
  switch (field.type) {
    case 'text':
      return text.length > MAX_FIELD_TEXT
        ? { ok: false, message: `Keep ${label} under ${MAX_FIELD_TEXT} characters.` }
        : { ok: true, value: text };
    case 'url':
      if (text.length > MAX_FIELD_URL) return { ok: false, message: `Keep ${label} under 2,000 characters.` };
      return isWebAddress(text)
        ? { ok: true, value: text }
        : { ok: false, message: `Give ${label} as a web address starting with https:// or http://.` };
    case 'select':
      return field.options?.includes(text)
        ? { ok: true, value: text }
        : { ok: false, message: `Choose ${label} from the list (${(field.options ?? []).join(', ')}).` };
    case 'date':
      return isCalendarDate(text)
        ? { ok: true, value: text }
        : { ok: false, message: `Give ${label} as a date, year-month-day (2026-03-31).` };
  }
};

const isEmpty = (value: string | boolean | null): boolean => value === null || value === false;

/**
 * Reads the custom fields the editor posted against the plugins' definitions. A field left out of the post reads as
 * empty (an unticked box is not sent). Required fields must be filled (a required box ticked) only when
 * `requireFilled`: the article is going to review, being scheduled or published, or saved while live; a draft may be
 * saved with them empty. Fields no plugin defines keep their stored values.
 */
export const readCustomFields = (
  fields: readonly FieldDefinition[],
  typed: Readonly<Record<string, string>>,
  stored: CustomFieldValues,
  opts: { requireFilled: boolean },
): CustomFieldsReading => {
  const defined = new Set(fields.map((f) => f.name));
  const values: CustomFieldValues = {};
  for (const [name, value] of Object.entries(stored)) if (!defined.has(name)) values[name] = value;
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const read = readField(field, typed[field.name] ?? '');
    if (!read.ok) {
      errors[fieldFormName(field.name)] = read.message;
      continue;
    }
    if (field.required && opts.requireFilled && isEmpty(read.value)) {
      errors[fieldFormName(field.name)] =
        field.type === 'boolean'
          ? `Tick “${field.label}” before the article goes to review or is published.`
          : `Fill in “${field.label}” before the article goes to review or is published.`;
      continue;
    }
    if (read.value !== null) values[field.name] = read.value;
  }
  return { values, errors };
};
