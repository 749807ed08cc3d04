import { readFile } from 'node:fs/promises';
import type { Config } from '../config.js';
import type { PluginRegistry } from '../plugins/registry.js';
import { ImportError, importPageFile } from '../services/import-page.js';
import { emitArticleChange } from '../services/plugin-events.js';
import { loadSiteContext } from '../services/site-context.js';
import { bodyHtmlRenderer } from '../server/api/body-html.js';
import { originRuleOf } from '../server/compose-worker.js';
import { type CliIo, UsageError, parseOptions, refused, withStorage } from './cli-support.js';

/** `dateline import-page FILE [options]`: loaded by dateline.ts when the command runs. */
export const runImportPage = async (
  config: Config,
  args: string[],
  io: CliIo,
  plugins: PluginRegistry,
): Promise<number> => {
  const { positionals, values } = parseOptions({
    args,
    allowPositionals: true,
    options: {
      section: { type: 'string' },
      photo: { type: 'string' },
      alt: { type: 'string' },
      credit: { type: 'string' },
      lang: { type: 'string' },
      'translation-of': { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('import-page takes exactly one FILE');
  if (values['translation-of'] !== undefined && values.lang === undefined)
    throw new UsageError('--translation-of needs --lang, the language of the page');
  if (values.photo !== undefined && !values.alt?.trim())
    throw new UsageError('--photo needs --alt TEXT describing the image');
  const file = positionals[0]!;
  let photoBytes: Uint8Array | undefined;
  if (values.photo !== undefined) {
    try {
      photoBytes = await readFile(values.photo);
    } catch {
      io.stderr(`import-page: cannot read the photo ${values.photo}`);
      return 1;
    }
  }
  try {
    const result = await withStorage(config, async (db) => {
      const imported = await importPageFile(db, file, {
        ...(values.section !== undefined ? { sectionSlug: values.section } : {}),
        ...(values.lang !== undefined ? { language: values.lang } : {}),
        ...(values['translation-of'] !== undefined ? { translationOf: values['translation-of'] } : {}),
        ...(values.photo === undefined && values.alt?.trim() ? { alt: values.alt.trim() } : {}),
        ...(photoBytes
          ? {
              photo: {
                bytes: photoBytes,
                alt: values.alt!.trim(),
                ...(values.credit ? { credit: values.credit } : {}),
              },
            }
          : {}),
      });
      // Plugins hear of it after its commit, from this process (plugin-events.ts); a failing hook is a line on stderr.
      await emitArticleChange(
        db,
        await loadSiteContext(db, originRuleOf(config)),
        {
          plugins,
          source: 'cli',
          onError: (error) => io.stderr(`note: plugins' hooks were not told: ${String(error)}`),
          html: bodyHtmlRenderer(plugins),
        },
        {
          id: imported.articleId,
          before: imported.statusBefore,
          at: new Date(),
        },
      );
      return imported;
    });
    for (const note of result.notes) io.stdout(`note: ${note}`);
    io.stdout(`${result.created ? 'Imported' : 'Updated'} article ${result.articleId}.`);
    io.stdout(result.path);
    return 0;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    return refused(io, [error.line > 0 ? `${file}:${error.line}: ${error.message}` : `${file}: ${error.message}`]);
  }
};
