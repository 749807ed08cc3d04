import type { Config } from '../config.js';
import { ImportError } from '../services/import-error.js';
import { reportLines, type ImportReportJson } from '../services/import-report.js';
import type { ImportRunOptions } from '../services/import-run.js';
import { InvalidInput } from '../services/errors.js';
import type { Db } from '../storage/database.js';
import { type CliIo, parseOptions, refused, UsageError, withStorage } from './cli-support.js';

/**
 * What `import wordpress` and `import ghost` share (records 0024, 0027): the options every importer takes, progress
 * on stderr, the report on stdout (lines, or JSON with --json), and refusals as one line each with exit code 1.
 */
export interface ImportCommand {
  /** "wordpress", as typed after `import`. */
  name: string;
  /** "FILE.xml", as the usage names the file. */
  file: string;
  /** Options of this importer alone, each taking a value. */
  strings?: readonly string[];
  run(db: Db, file: string, opts: ImportRunOptions, strings: Record<string, string>): Promise<ImportReportJson>;
  /** Whether the error is the file's: not an export this importer reads (line 0: the whole file). */
  isFileError(error: unknown): error is Error & { line: number; column: number };
}

/** A bar on a terminal, a line every so often otherwise (a log keeps every line). */
function progressOf(io: CliIo, tty: boolean, name: string): (done: number, total: number) => void {
  let lastLine = 0;
  return (done, total) => {
    if (tty) {
      const width = 30;
      const filled = total === 0 ? width : Math.round((Math.min(done, total) / total) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      if (done >= total) process.stderr.write('\n');
    } else if (done - lastLine >= 1000 || done >= total) {
      lastLine = done;
      io.stderr(`import ${name}: ${done} of ${total} posts and pages`);
    }
  };
}

export const runImportCommand = async (
  config: Config,
  args: string[],
  io: CliIo,
  command: ImportCommand,
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
      ...Object.fromEntries((command.strings ?? []).map((name) => [name, { type: 'string' as const }])),
    },
  });
  const { name } = command;
  if (positionals.length !== 1) throw new UsageError(`import ${name} takes exactly one ${command.file}`);
  if (values.uploads !== undefined && values['no-media'])
    throw new UsageError('--uploads and --no-media exclude each other');
  const text = (key: string): string | undefined => {
    const value: unknown = (values as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : undefined;
  };
  const strings = Object.fromEntries(
    (command.strings ?? []).flatMap((key) => (text(key) === undefined ? [] : [[key, text(key)!]])),
  );
  const file = positionals[0]!;
  const uploads = text('uploads');
  const edition = text('edition');
  try {
    const report = await withStorage(config, (db) =>
      command.run(
        db,
        file,
        {
          ...(uploads !== undefined ? { uploads } : {}),
          ...(edition !== undefined ? { edition } : {}),
          noMedia: values['no-media'] === true,
          dryRun: values['dry-run'] === true,
          onProgress: progressOf(io, process.stderr.isTTY === true && !values.json && io.env.CI !== 'true', name),
        },
        strings,
      ),
    );
    if (values.json) io.stdout(JSON.stringify(report, null, 2));
    else for (const line of reportLines(report)) io.stdout(line);
    return 0;
  } catch (error) {
    if (command.isFileError(error))
      return refused(io, [
        error.line > 0 ? `${file}:${error.line}:${error.column}: ${error.message}` : `${file}: ${error.message}`,
      ]);
    if (error instanceof ImportError) return refused(io, [`import ${name}: ${error.message}`]);
    if (error instanceof InvalidInput)
      return refused(
        io,
        Object.values(error.fields).map((m) => `import ${name}: ${m}`),
      );
    throw error;
  }
};
