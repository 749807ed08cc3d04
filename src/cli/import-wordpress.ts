import type { Config } from '../config.js';
import { WxrError } from '../domain/wxr-parse.js';
import type { PluginRegistry } from '../plugins/registry.js';
import { importWordpress } from '../services/wordpress-import.js';
import type { CliIo } from './cli-support.js';
import { runImportCommand } from './import-command.js';

export const runImportWordpress = (
  config: Config,
  args: string[],
  io: CliIo,
  plugins: PluginRegistry,
): Promise<number> =>
  runImportCommand(config, args, io, {
    name: 'wordpress',
    file: 'FILE.xml',
    run: (db, file, opts) =>
      importWordpress(db, file, { ...opts, declaredFields: new Map(plugins.fields.map((f) => [f.name, f.type])) }),
    isFileError: (error) => error instanceof WxrError,
  });
