import type { DatelinePlugin } from '../plugins/contract.js';
import type { PluginRegistry } from '../plugins/registry.js';
import { defOf, enumValuesOf, isNumberDef, objectFieldsOf, unwrappedDefOf } from '../plugins/zod-shape.js';
import type { Db } from '../storage/database.js';
import { bumpContentVersion, writeSettingRow } from '../storage/repositories/site.repository.js';
import { fieldErrorsOf, InvalidInput } from './errors.js';

/** A plugin's saved settings are one `setting` row, `plugin.{name}`, holding them as a JSON object. */
export const pluginSettingKey = (name: string): string => `plugin.${name}`;

/** How the newsroom's form asks for one setting: a text box, a number, a checkbox, a choice, or lines. */
export type SettingInput = { name: string; label: string; optional: boolean } & (
  { kind: 'text' | 'number' | 'boolean' | 'lines' } | { kind: 'choice'; options: string[] }
);

const inputOf = (name: string, schema: unknown): SettingInput | null => {
  // A setting's label is its schema's description (`z.string().describe('Ad script URL')`), else its name.
  const described = (schema as { description?: unknown } | null)?.description;
  const label = typeof described === 'string' && described.trim() !== '' ? described : name;
  // Optional, defaulted and nullable settings take the input of what they wrap, and may be left empty.
  const unwrapped = unwrappedDefOf(schema);
  const { def } = unwrapped;
  const optional = unwrapped.optional || unwrapped.nullable;
  if (def.type === 'string') return { name, label, kind: 'text', optional };
  if (isNumberDef(def)) return { name, label, kind: 'number', optional };
  if (def.type === 'boolean') return { name, label, kind: 'boolean', optional };
  if (def.type === 'enum') return { name, label, kind: 'choice', optional, options: enumValuesOf(def).map(String) };
  if (def.type === 'array' && defOf(def.element).type === 'string') return { name, label, kind: 'lines', optional };
  return null;
};

/**
 * The form of a plugin's settings, one input per field of its zod object (string, number, boolean, enum, array of
 * strings), in the schema's order; a field of another type is left out of the form (it keeps its default).
 */
export const settingsFormOf = (plugin: DatelinePlugin): SettingInput[] =>
  (objectFieldsOf(plugin.settings?.schema) ?? []).flatMap(([name, schema]) => inputOf(name, schema) ?? []);

/** A stored or current value as the form shows it: lines one a line, booleans as "on", numbers as typed. */
export const formValueOf = (input: SettingInput, value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (input.kind === 'lines') return Array.isArray(value) ? value.map(String).join('\n') : '';
  if (input.kind === 'boolean') return value === true ? 'on' : '';
  return String(value);
};

/** The form's strings as the schema's types: a number typed, a box ticked or not, one entry a line. */
const typedValueOf = (input: SettingInput, raw: unknown): unknown => {
  const text = typeof raw === 'string' ? raw.trim() : '';
  switch (input.kind) {
    case 'boolean':
      return text === 'on';
    case 'number':
      // Empty is "not given" (the default, or a message when the setting is required); "abc" is a message.
      return text === '' ? undefined : Number(text);
    case 'lines':
      return text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '');
    case 'choice':
    case 'text':
      return text === '' && input.optional ? undefined : text;
  }
};

/**
 * Checks a posted settings form against the plugin's schema and stores it (`plugin.{name}`), moving the content
 * version in the same transaction so every process re-reads it and renders its pages again. Throws InvalidInput
 * with a message per field.
 */
export const savePluginSettings = async (
  db: Db,
  plugin: DatelinePlugin,
  form: Record<string, unknown>,
): Promise<Record<string, unknown>> => {
  if (!plugin.settings) throw new InvalidInput({ form: `The plugin "${plugin.name}" has no settings.` });
  const typed: Record<string, unknown> = {};
  for (const input of settingsFormOf(plugin)) {
    const value = typedValueOf(input, form[input.name]);
    if (value !== undefined) typed[input.name] = value;
  }
  const parsed = plugin.settings.schema.safeParse(typed);
  if (!parsed.success) throw new InvalidInput(fieldErrorsOf(parsed.error));
  await db.transaction().execute(async (trx) => {
    await writeSettingRow(trx, pluginSettingKey(plugin.name), parsed.data);
    await bumpContentVersion(trx);
  });
  return parsed.data;
};

/**
 * Gives each plugin its saved settings (over its defaults), read with the site's other settings whenever the
 * content version moves, so every process uses what the newsroom saved last. A stored value the schema no longer
 * accepts (the plugin changed) is reported and the plugin keeps its defaults: a page never fails over it.
 */
export const applyPluginSettings = (
  settingRows: readonly { key: string; value: string }[],
  plugins: PluginRegistry,
  onRefused: (plugin: string, reason: string) => void = () => {},
): void => {
  const configurable = plugins.plugins.filter((p) => p.settings);
  if (configurable.length === 0) return;
  const rows = new Map(settingRows.map((r) => [r.key, r.value]));
  for (const plugin of configurable) {
    const defaults = plugin.settings!.defaults ?? {};
    const raw = rows.get(pluginSettingKey(plugin.name));
    let stored: unknown = {};
    if (raw !== undefined) {
      try {
        stored = JSON.parse(raw);
      } catch {
        onRefused(plugin.name, 'its stored settings are not JSON');
      }
    }
    const parsed = plugin.settings!.schema.safeParse({
      ...defaults,
      ...(typeof stored === 'object' && stored !== null ? stored : {}),
    });
    if (!parsed.success && raw !== undefined) onRefused(plugin.name, parsed.error.message);
    plugins.useSettings(plugin.name, parsed.success ? parsed.data : defaults);
  }
};
