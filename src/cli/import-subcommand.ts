import type { Config } from '../config.js';
import type { PluginRegistry } from '../plugins/registry.js';
import type { CliIo } from './cli-support.js';
import { UsageError } from './cli-support.js';
import { runImportGhost } from './import-ghost.js';
import { runImportWordpress } from './import-wordpress.js';
import { runImportSite } from './site-archive.js';

/** `dateline import wordpress|ghost|site …`: which one runs. */
export const runImportSubcommand = (
  config: Config,
  [sub, ...args]: string[],
  io: CliIo,
  plugins: PluginRegistry,
): Promise<number> => {
  if (sub === 'wordpress') return runImportWordpress(config, args, io, plugins);
  if (sub === 'ghost') return runImportGhost(config, args, io);
  if (sub === 'site') return runImportSite(config, args, io);
  throw new UsageError(
    `unknown import "${sub ?? ''}" (import wordpress FILE.xml, import ghost FILE.json, import site FILE)`,
  );
};
