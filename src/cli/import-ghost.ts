import type { Config } from '../config.js';
import { GhostFileError, importGhost } from '../services/ghost-import.js';
import type { CliIo } from './cli-support.js';
import { runImportCommand } from './import-command.js';

export const IMPORT_GHOST_USAGE = `  import ghost FILE.json [options]
                                 import a Ghost export (Settings → Advanced → Import/Export, Ghost 4 to 6):
                                 posts, pages, tags, authors (profiles, never logins), images; members-only
                                 and paid posts become drafts; old addresses answer 301; run again to update
                                 (--uploads: a copy of content/images)
      --url URL                  (ghost) the old site's address, to fetch images the export gives as paths`;

export const runImportGhost = (config: Config, args: string[], io: CliIo): Promise<number> =>
  runImportCommand(config, args, io, {
    name: 'ghost',
    file: 'FILE.json',
    strings: ['url'],
    run: (db, file, opts, strings) =>
      importGhost(db, file, { ...opts, ...(strings.url !== undefined ? { url: strings.url } : {}) }),
    isFileError: (error) => error instanceof GhostFileError,
  });
