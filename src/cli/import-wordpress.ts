import type { Config } from '../config.js';
import { WxrError } from '../domain/wxr-parse.js';
import type { PluginRegistry } from '../plugins/registry.js';
import { ImportError } from '../services/import-error.js';
import { InvalidInput } from '../services/errors.js';
import { importWordpress } from '../services/wordpress-import.js';
import { reportLines } from '../services/wordpress-report.js';
import { type CliIo, parseOptions, refused, UsageError, withStorage } from './cli-support.js';

export const IMPORT_WORDPRESS_USAGE = `  import wordpress FILE.xml [options]
                                 import a WordPress export (Tools → Export, WXR): posts, pages, authors,
                                 categories, tags, images; old addresses answer 301; run again to update
      --uploads DIR              read images from a copy of wp-content/uploads instead of downloading
      --no-media                 import no images
      --edition LANG             import into the edition in that language
      --dry-run                  say what would change, write nothing
      --json                     print the report as JSON`;

/** A bar on a terminal, a line every so often otherwise (a log keeps every line). */
function progressOf(io: CliIo, tty: boolean): (done: number, total: number) => void {
  let lastLine = 0;
  return (done, total) => {
    if (tty) {
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      if (done >= total) process.stderr.write('\n');
    } else if (done - lastLine >= 1000 || done >= total) {
      lastLine = done;
      io.stderr(`import wordpress: ${done} of ${total} posts and pages`);
    }
  };
}

export const runImportWordpress = async (
  config: Config,
  args: string[],
  io: CliIo,
  plugins: PluginRegistry,
): Promise<number> => {
  const { positionals, values } = parseOptions({
    args,
    allowPositionals: true,
    options: {
      uploads: { type: 'string' },
      'no-media': { type: 'boolean' },
      edition: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('import wordpress takes exactly one FILE.xml');
  if (values.uploads !== undefined && values['no-media'])
    throw new UsageError('--uploads and --no-media exclude each other');
  const file = positionals[0]!;
  try {
    const report = await withStorage(config, (db) =>
      importWordpress(db, file, {
        ...(values.uploads !== undefined ? { uploads: values.uploads } : {}),
        ...(values.edition !== undefined ? { edition: values.edition } : {}),
        noMedia: values['no-media'] === true,
        dryRun: values['dry-run'] === true,
        declaredFields: new Map(plugins.fields.map((f) => [f.name, f.type])),
        onProgress: progressOf(io, process.stderr.isTTY === true && !values.json && io.env.CI !== 'true'),
      }),
    );
    if (values.json) io.stdout(JSON.stringify(report, null, 2));
    else for (const line of reportLines(report)) io.stdout(line);
    return 0;
  } catch (error) {
    if (error instanceof WxrError)
      return refused(io, [
        error.line > 0 ? `${file}:${error.line}:${error.column}: ${error.message}` : `${file}: ${error.message}`,
      ]);
    if (error instanceof ImportError) return refused(io, [`import wordpress: ${error.message}`]);
    if (error instanceof InvalidInput)
      return refused(
        io,
        Object.values(error.fields).map((m) => `import wordpress: ${m}`),
      );
    throw error;
  }
};
