import { isValidElement } from 'preact';
import { renderToString } from 'preact-render-to-string';
// Block types of the core body: a plugin may not take their names.
import { CORE_BLOCK_TYPES } from '../domain/body-text.js';
import {
  HOOK_NAMES,
  SLOT_NAMES,
  type BlockDefinition,
  type CspSources,
  type DatelinePlugin,
  type FieldDefinition,
  type HookEvent,
  type HookName,
  type PluginArticle,
  type SlotContext,
  type SlotName,
  type SlotOutput,
} from './contract.js';

/** What a registry reports to: the process's logger, or nothing (tests). */
export interface PluginLog {
  error(obj: { err: unknown; plugin: string; slot?: string; hook?: string; block?: string }, msg: string): void;
}

/** A plugin that cannot be used: the start stops with this message, which names the plugin. */
export class PluginError extends Error {
  constructor(
    readonly plugin: string,
    reason: string,
  ) {
    super(`plugin "${plugin}": ${reason}`);
    this.name = 'PluginError';
  }
}

const NAME = /^[a-z][a-z0-9-]{0,47}$/;
const FIELD_NAME = /^[a-z][a-z0-9_]{0,47}$/;
const FIELD_TYPES = new Set(['text', 'url', 'boolean', 'select', 'date']);
const PLUGIN_KEYS = new Set(['name', 'version', 'slots', 'fields', 'blocks', 'csp', 'hooks', 'routes', 'settings']);
const CSP_KEYS = ['scriptSrc', 'connectSrc', 'frameSrc', 'imgSrc', 'styleSrc'] as const;
/** A CSP source: a scheme-and-host (wildcard subdomains allowed), with an optional port and path; no keywords. */
const CSP_SOURCE =
  /^https:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?(\/[^\s;,']*)?$|^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?(\/[^\s;,']*)?$/i;

export interface PluginRegistry {
  readonly plugins: readonly DatelinePlugin[];
  /** Every plugin's fields, in load order. */
  readonly fields: readonly (FieldDefinition & { plugin: string })[];
  /** Every plugin's block types, by type. */
  readonly blocks: ReadonlyMap<string, BlockDefinition & { plugin: string }>;
  /** The sources every plugin asked for, per directive, deduplicated. */
  readonly csp: Required<CspSources>;
  /** Whether any plugin renders in this slot (so pages without plugins do no work and keep their bytes). */
  has(slot: SlotName): boolean;
  /**
   * Every plugin's output for the slot, in load order, as one HTML string. A plugin that throws is logged with
   * its name and left out: the page still renders.
   */
  render(slot: SlotName, ctx: Omit<SlotContext, 'slot' | 'settings'>): string;
  /**
   * A body block drawn by the plugin that defines its type, as one HTML string: empty when no loaded plugin defines
   * it, when its stored data no longer passes the plugin's schema, or when render throws (both logged).
   */
  renderBlock(type: string, data: Record<string, unknown>, ctx: { article: PluginArticle | null }): string;
  /** Calls each plugin's handler in turn; a failing one is logged and never fails the caller. */
  emit(name: HookName, event: Omit<HookEvent, 'name'>): Promise<void>;
  /** A plugin's saved settings over its defaults (set by the newsroom's Plugins page). */
  settingsOf(plugin: string): Record<string, unknown>;
  /** Replaces what settingsOf answers for the plugin (after the newsroom saved them, or on each content load). */
  useSettings(plugin: string, values: Record<string, unknown>): void;
}

const htmlOf = (out: SlotOutput): string => {
  if (out === null || out === undefined) return '';
  if (typeof out === 'string') return out;
  if (isValidElement(out)) return renderToString(out);
  throw new TypeError('a slot must return an HTML string, a Preact node or nothing');
};

const list = (value: unknown, what: string, plugin: string): unknown[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new PluginError(plugin, `${what} must be an array`);
  return value;
};

const checkFields = (plugin: DatelinePlugin, taken: Map<string, string>): void => {
  for (const raw of list(plugin.fields, 'fields', plugin.name)) {
    const f = raw as FieldDefinition;
    if (typeof f?.name !== 'string' || !FIELD_NAME.test(f.name))
      throw new PluginError(
        plugin.name,
        `field name ${JSON.stringify(f?.name)} must be lower-case letters, digits and _`,
      );
    if (taken.has(f.name))
      throw new PluginError(plugin.name, `field "${f.name}" is already defined by plugin "${taken.get(f.name)}"`);
    if (typeof f.label !== 'string' || f.label.trim() === '')
      throw new PluginError(plugin.name, `field "${f.name}" needs a label`);
    if (!FIELD_TYPES.has(f.type))
      throw new PluginError(plugin.name, `field "${f.name}" has unknown type ${JSON.stringify(f.type)}`);
    if (f.type === 'select' && (!Array.isArray(f.options) || f.options.length === 0))
      throw new PluginError(plugin.name, `select field "${f.name}" needs options`);
    taken.set(f.name, plugin.name);
  }
};

const checkBlocks = (plugin: DatelinePlugin, taken: Map<string, string>): void => {
  for (const raw of list(plugin.blocks, 'blocks', plugin.name)) {
    const b = raw as BlockDefinition;
    if (typeof b?.type !== 'string' || !NAME.test(b.type))
      throw new PluginError(
        plugin.name,
        `block type ${JSON.stringify(b?.type)} must be lower-case letters, digits and -`,
      );
    if (CORE_BLOCK_TYPES.has(b.type)) throw new PluginError(plugin.name, `block type "${b.type}" is a core type`);
    if (taken.has(b.type))
      throw new PluginError(plugin.name, `block type "${b.type}" is already defined by plugin "${taken.get(b.type)}"`);
    if (typeof b.schema?.safeParse !== 'function')
      throw new PluginError(plugin.name, `block "${b.type}" needs a zod schema`);
    if (typeof b.render !== 'function') throw new PluginError(plugin.name, `block "${b.type}" needs a render function`);
    taken.set(b.type, plugin.name);
  }
};

const checkCsp = (plugin: DatelinePlugin): void => {
  if (plugin.csp === undefined) return;
  if (typeof plugin.csp !== 'object' || plugin.csp === null)
    throw new PluginError(plugin.name, 'csp must be an object');
  for (const key of Object.keys(plugin.csp))
    if (!(CSP_KEYS as readonly string[]).includes(key))
      throw new PluginError(plugin.name, `csp.${key} is not a directive plugins may extend (${CSP_KEYS.join(', ')})`);
  for (const key of CSP_KEYS)
    for (const source of list(plugin.csp[key], `csp.${key}`, plugin.name))
      if (typeof source !== 'string' || !CSP_SOURCE.test(source))
        throw new PluginError(
          plugin.name,
          `csp.${key} source ${JSON.stringify(source)} must be an https:// origin (keywords such as 'unsafe-inline' are refused)`,
        );
};

/** Refuses a plugin the contract does not allow, naming what is wrong. */
export const checkPlugin = (
  plugin: unknown,
  taken: { names: Set<string>; fields: Map<string, string>; blocks: Map<string, string> },
): DatelinePlugin => {
  if (typeof plugin !== 'object' || plugin === null) throw new PluginError('?', 'the default export must be an object');
  const p = plugin as DatelinePlugin;
  if (typeof p.name !== 'string' || !NAME.test(p.name))
    throw new PluginError(String(p.name), 'name must be lower-case letters, digits and - (at most 48)');
  if (taken.names.has(p.name)) throw new PluginError(p.name, 'another plugin of that name is already loaded');
  if (typeof p.version !== 'string' || p.version === '') throw new PluginError(p.name, 'version must be a string');
  for (const key of Object.keys(p)) if (!PLUGIN_KEYS.has(key)) throw new PluginError(p.name, `unknown key "${key}"`);
  for (const [slot, fn] of Object.entries(p.slots ?? {})) {
    if (!(SLOT_NAMES as readonly string[]).includes(slot))
      throw new PluginError(p.name, `unknown slot "${slot}" (slots: ${SLOT_NAMES.join(', ')})`);
    if (typeof fn !== 'function') throw new PluginError(p.name, `slot "${slot}" must be a function`);
  }
  for (const [hook, fn] of Object.entries(p.hooks ?? {})) {
    if (!(HOOK_NAMES as readonly string[]).includes(hook))
      throw new PluginError(p.name, `unknown hook "${hook}" (hooks: ${HOOK_NAMES.join(', ')})`);
    if (typeof fn !== 'function') throw new PluginError(p.name, `hook "${hook}" must be a function`);
  }
  if (p.routes !== undefined && typeof p.routes !== 'function')
    throw new PluginError(p.name, 'routes must be a function');
  if (p.settings !== undefined && typeof p.settings?.schema?.safeParse !== 'function')
    throw new PluginError(p.name, 'settings.schema must be a zod schema');
  checkFields(p, taken.fields);
  checkBlocks(p, taken.blocks);
  checkCsp(p);
  taken.names.add(p.name);
  return p;
};

/** The plugins a process loaded, checked as a set (names, fields and block types unique across them). */
export const createPluginRegistry = (loaded: readonly unknown[], log?: PluginLog): PluginRegistry => {
  const taken = { names: new Set<string>(), fields: new Map<string, string>(), blocks: new Map<string, string>() };
  const plugins = loaded.map((p) => checkPlugin(p, taken));
  const csp: Required<CspSources> = { scriptSrc: [], connectSrc: [], frameSrc: [], imgSrc: [], styleSrc: [] };
  for (const p of plugins)
    for (const key of CSP_KEYS) for (const s of p.csp?.[key] ?? []) if (!csp[key].includes(s)) csp[key].push(s);
  // One object per plugin until its settings change, so a plugin may keep what it derives from them by identity
  // (the bundled plugins parse theirs once per content load, not once per slot).
  const settings = new Map<string, Record<string, unknown>>(
    plugins.map((p) => [p.name, Object.freeze({ ...(p.settings?.defaults ?? {}) })]),
  );
  const settingsOf = (name: string): Record<string, unknown> => settings.get(name) ?? {};
  const bySlot = new Map<SlotName, DatelinePlugin[]>();
  for (const slot of SLOT_NAMES) {
    const users = plugins.filter((p) => typeof p.slots?.[slot] === 'function');
    if (users.length > 0) bySlot.set(slot, users);
  }
  const blocks = new Map(
    plugins.flatMap((p) => (p.blocks ?? []).map((b) => [b.type, { ...b, plugin: p.name }] as const)),
  );
  return {
    plugins,
    fields: plugins.flatMap((p) => (p.fields ?? []).map((f) => ({ ...f, plugin: p.name }))),
    blocks,
    csp,
    has: (slot) => bySlot.has(slot),
    render: (slot, ctx) => {
      let html = '';
      for (const p of bySlot.get(slot) ?? []) {
        try {
          html += htmlOf(p.slots![slot]!({ ...ctx, slot, settings: settingsOf(p.name) }));
        } catch (err) {
          log?.error({ err, plugin: p.name, slot }, `plugin "${p.name}" failed in slot "${slot}"; left empty`);
        }
      }
      return html;
    },
    renderBlock: (type, data, ctx) => {
      const block = blocks.get(type);
      if (!block) return '';
      try {
        // Checked again: the data was saved under the schema of the plugin's version of that day.
        const checked = block.schema.safeParse(data);
        if (checked.success) return htmlOf(block.render(checked.data, ctx));
        log?.error(
          { err: checked.error, plugin: block.plugin, block: type },
          `plugin "${block.plugin}": a stored "${type}" block no longer fits its schema; left out`,
        );
      } catch (err) {
        log?.error(
          { err, plugin: block.plugin, block: type },
          `plugin "${block.plugin}" failed to draw a "${type}" block; left out`,
        );
      }
      return '';
    },
    emit: async (name, event) => {
      for (const p of plugins) {
        const handler = p.hooks?.[name];
        if (!handler) continue;
        try {
          await handler({ ...event, name });
        } catch (err) {
          log?.error({ err, plugin: p.name, hook: name }, `plugin "${p.name}" failed in hook "${name}"`);
        }
      }
    },
    settingsOf,
    useSettings: (name, values) => void settings.set(name, Object.freeze({ ...settingsOf(name), ...values })),
  };
};

/** The registry of a process without plugins: every slot empty, no CSP sources, no hooks. */
export const NO_PLUGINS: PluginRegistry = createPluginRegistry([]);
