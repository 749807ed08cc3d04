import type { Config } from '../config.js';
import { GhostFileError, importGhost } from '../services/ghost-import.js';
import type { CliIo } from './cli-support.js';
import { runImportCommand } from './import-command.js';

export const runImportGhost = (config: Config, args: string[], io: CliIo): Promise<number> =>
  runImportCommand(config, args, io, {
    name: 'ghost',
    file: 'FILE.json',
    strings: ['url'],
    run: (db, file, opts, strings) =>
      importGhost(db, file, { ...opts, ...(strings.url !== undefined ? { url: strings.url } : {}) }),
    isFileError: (error) => error instanceof GhostFileError,
  });
