import { readFile, stat } from 'node:fs/promises';
import { editionPath } from '../domain/edition.js';
import { parseGhostExport, type GhostExport } from '../domain/ghost-export.js';
import { isInternalTag, mapGhostPost } from '../domain/ghost-map.js';
import { authorPath, tagPath } from '../domain/listing-path.js';
import { tagSlug } from '../domain/tag.js';
import type { Db } from '../storage/database.js';
import { importSourceRows, type ImportScope } from '../storage/repositories/import-source.repository.js';
import { ImportError } from './import-error.js';
import type { MoreRedirect } from './import-finish.js';
import { createImportReport, type ImportReport, type ImportReportJson } from './import-report.js';
import { runImport, type ImportRunOptions } from './import-run.js';
import type { SiteContext } from './site-context.js';

/**
 * `dateline import ghost FILE.json` (issue 17; record 0027). The export is read whole and checked before anything is
 * written (a cut file, HTML, a WordPress export or JSON of another shape stops here); each post is then mapped
 * (domain/ghost-map.ts) and handed to the writer every importer shares (import-run.ts: batches, one transaction
 * each, resumable; a dry run rolled back). Old addresses: each live post's and page's `/{slug}/`, and the
 * `/tag/{slug}/` and `/author/{slug}/` of the tags and authors live posts carry, where the new address differs.
 */
export interface GhostImportOptions extends ImportRunOptions {
  /** The old site's address: `__GHOST_URL__` and relative addresses in the export are read against it. */
  url?: string;
}

/** The file is not a readable Ghost export: where (line 0: the whole file), and why. */
export class GhostFileError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

export async function readGhostExport(file: string): Promise<GhostExport> {
  let text: string;
  try {
    if ((await stat(file)).isDirectory()) throw new GhostFileError(0, 0, `${file} is a folder, not a file`);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof GhostFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new GhostFileError(0, 0, code === 'ENOENT' ? `no such file` : `cannot be read (${code ?? 'error'})`);
  }
  const result = parseGhostExport(text);
  if (!result.ok) throw new GhostFileError(result.line, result.column, result.message);
  return result.export;
}

/** Imports the export; throws GhostFileError (the file) or ImportError (the options) before writing anything. */
export async function importGhost(db: Db, file: string, opts: GhostImportOptions = {}): Promise<ImportReportJson> {
  const started = performance.now();
  const baseUrl = siteAddressOf(opts.url);
  const ghost = await readGhostExport(file);
  const report = createImportReport('Ghost', file, ghost.title, opts.dryRun === true);
  if (ghost.major < 4 || ghost.major > 6)
    report.note(`The export is from Ghost ${ghost.version}; it was read as Ghost 4 to 6 write theirs.`);
  reportPeople(ghost, report);
  // Ghost's ids are its own: the site's database hash (settings) keeps two Ghost sites' "1"s apart.
  const scope: ImportScope = { source: 'ghost', site: databaseHash(ghost) };
  const liveTags = new Map<string, string>();
  const liveAuthors = new Set<string>();
  await runImport(
    db,
    {
      scope,
      words: { source: 'Ghost', featured: 'featured' },
      uploadsMarker: '/content/images/',
      total: ghost.posts.length,
      plans: async (emit, site) => {
        const sectionSlugs = new Set(site.sections.all.map((s) => s.slug));
        for (const post of ghost.posts) {
          const decided = mapGhostPost(post, ghost, { sectionSlugs, baseUrl });
          if ('skip' in decided) {
            const kind = post.type === 'page' || post.page ? 'page' : 'article';
            report.skip(kind, `"${post.title || '(no title)'}" (id ${post.id})`, decided.skip);
            continue;
          }
          if (decided.plan.kind === 'post' && decided.plan.status === 'published') {
            for (const id of ghost.tagsOf.get(post.id) ?? []) {
              const tag = ghost.tags.get(id);
              if (tag && tag.slug !== '' && !isInternalTag(tag)) liveTags.set(tag.slug, tag.name.trim());
            }
            for (const b of decided.plan.bylines) liveAuthors.add(b.sourceId);
          }
          await emit(decided.plan);
        }
      },
      moreRedirects: (trx, ctx) => listingRedirects(trx, ctx, scope, ghost, liveTags, liveAuthors),
    },
    report,
    opts,
  );
  return report.toJson((performance.now() - started) / 1000);
}

function siteAddressOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.href.replace(/\/+$/, '');
  } catch {
    // Said below.
  }
  throw new ImportError(0, `--url ${url} is not the old site's address (such as https://blog.example)`);
}

function databaseHash(ghost: GhostExport): string {
  return ghost.settings.get('db_hash') ?? '';
}

/** Internal tags (named, as Dateline keeps none) and what of a Ghost user an author profile does not take. */
function reportPeople(ghost: GhostExport, report: ImportReport): void {
  const used = new Set([...ghost.tagsOf.values()].flat());
  for (const tag of ghost.tags.values())
    if (isInternalTag(tag) && used.has(tag.id))
      report.skip(
        'tag',
        `"${tag.name}"`,
        'it is an internal tag in Ghost, hidden from readers; Dateline has no internal tags, so it was left off its posts',
      );
  const authors = new Set([...ghost.authorsOf.values()].flat());
  for (const user of ghost.users.values())
    if (authors.has(user.id) && user.profile_image.trim() !== '')
      report.downgrade('author', `"${user.name}"`, 'its profile picture was not imported: add it in the newsroom');
}

/** `/tag/{slug}/` and `/author/{slug}/` of what live posts carry, to the new addresses in the import's edition. */
async function listingRedirects(
  trx: Db,
  ctx: SiteContext,
  scope: ImportScope,
  ghost: GhostExport,
  liveTags: ReadonlyMap<string, string>,
  liveAuthors: ReadonlySet<string>,
): Promise<MoreRedirect[]> {
  const rows: MoreRedirect[] = [];
  for (const [slug, name] of liveTags)
    rows.push({
      from: `/tag/${slug}/`,
      to: editionPath(ctx.edition, tagPath(tagSlug(name))),
      kind: 'tag',
      label: `"${name}"`,
    });
  const made = await importSourceRows(trx, scope, 'author');
  const ids = [...liveAuthors].flatMap((id) => (made.has(id) ? [made.get(id)!.target_id] : []));
  const slugs = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500)
    for (const r of await trx
      .selectFrom('author')
      .select(['id', 'slug'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute())
      slugs.set(r.id, r.slug);
  for (const id of liveAuthors) {
    const user = ghost.users.get(id);
    const slug = slugs.get(made.get(id)?.target_id ?? -1);
    if (user && user.slug !== '' && slug !== undefined)
      rows.push({
        from: `/author/${user.slug}/`,
        to: editionPath(ctx.edition, authorPath(slug)),
        kind: 'author',
        label: `"${user.name}"`,
      });
  }
  return rows;
}
