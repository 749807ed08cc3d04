/**
 * `dateline/plugin`: what plugin and theme authors import. Types and `definePlugin`, nothing with state: a plugin
 * loaded from another folder gets the same contract whichever copy of this file it imports.
 */
export {
  definePlugin,
  HOOK_NAMES,
  PLUGIN_API_VERSION,
  SLOT_NAMES,
  type BlockDefinition,
  type CspSources,
  type DatelinePlugin,
  type FieldDefinition,
  type FieldType,
  type HookEvent,
  type HookHandler,
  type HookName,
  type PageKind,
  type PluginArticle,
  type PluginSettings,
  type SlotContext,
  type SlotName,
  type SlotOutput,
  type SlotRenderer,
} from './contract.js';
