import { pluginBlockOf, pluginDataOf, pluginTypeOf, type PluginBlock } from './body-text.js';

/**
 * A plugin's block in the body markup (body-markup.ts): `::type` and its data as one JSON object, on one line as
 * written (JSON escapes line breaks), read across lines too when typed so. A core type's name is never read as one.
 */
const PLUGIN_BLOCK = /^::([a-z][a-z0-9-]{0,47})(\{[\s\S]*\})$/;

/** The plugin block a chunk of markup spells, or null. */
export const parsePluginBlock = (chunk: string): PluginBlock | null => {
  const head = PLUGIN_BLOCK.exec(chunk);
  if (!head) return null;
  try {
    return pluginBlockOf(head[1]!, JSON.parse(head[2]!));
  } catch {
    return null;
  }
};

export const pluginBlockLine = (block: PluginBlock): string =>
  `::${pluginTypeOf(block)}${JSON.stringify(pluginDataOf(block))}`;
