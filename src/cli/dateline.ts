import { ConfigError, loadConfig, type Config } from '../config.js';
import { type CliIo, UsageError, parseOptions, refused, withStorage } from './cli-support.js';
import { IMPORT_USAGE, SITE_ARCHIVE_USAGE } from './cli-usage.js';
import { createAccount, createOwner, findAccountByEmail, setPassword } from '../services/accounts.js';
import { emptyAuthorForm } from '../services/author-form.js';
import { createAuthor } from '../services/authors.js';
import { InvalidInput, NotAllowed } from '../services/errors.js';
import { loadPlugins } from '../plugins/load-plugins.js';
import { PluginError } from '../plugins/registry.js';
import { loadTheme } from '../plugins/theme.js';
import { serve } from '../server/main.js';
import { useZoneSource } from '../domain/dateline.js';
import { readSystemZone, systemZoneFolders } from '../storage/zoneinfo.js';

const USAGE = `Usage: dateline <command>

Commands:
  serve                          run the site (PORT, HOST, DATELINE_DATA, DATABASE_URL, DATELINE_WORKERS)
  import-page FILE [options]     import an article page saved as plain text; prints its URL path last
      --section SLUG             section to use when the page has no "Top Articles in …" line, or
                                 names its section only by another edition's name
      --photo FILE --alt TEXT    attach a main photo (the page's caption line becomes its caption)
      --credit TEXT              photo credit
      --lang TAG                 import into the edition in that language, matched on the primary
                                 subtag (ja-JP finds ja); without it, the first edition
      --translation-of PATH      link the page as the translation of the article at PATH (its
                                 address on the site, such as /politics/20260121-12/); needs --lang.
                                 It takes the source's section, bylines, tags and main photo
                                 (--alt describes that photo in the page's language)
${IMPORT_USAGE}
  user add --email E --name N --role R
                                 create a newsroom account (contributor, editor or admin; owner: the
                                 first admin, instead of the setup page); the password is read from
                                 standard input, or asked for when it is a terminal
  user password --email E        set a new password for an account (read the same way) and sign it
                                 out everywhere: the way back in for an owner who forgot theirs
  author add --name N [--slug S] [--title T]
                                 create an author profile for bylines (the slug is made from the name
                                 when not given; T is the job title, like "Staff Writer")
  search rebuild                 rebuild the search index from every article and page, in one
                                 transaction (readers keep the old index until it commits); prints
                                 progress, then a summary line
  pages render [--all]           render and keep every live article's page not yet kept for the
                                 current build, theme and settings (--all: every one again), so the
                                 archive is answered from kept pages; run after an upgrade or import
  api-key add --name N --type content|admin
                                 create a key for the Ghost-compatible APIs; prints it as the last
                                 line, the only time it is shown (admin keys: id:secret)
  api-key list                   list the keys: id, type, created, last used, revoked, name (UTC)
  api-key revoke ID              revoke a key; running servers refuse it within a second
${SITE_ARCHIVE_USAGE}
  help                           show this help`;

const runUserAdd = async (config: Config, args: string[], io: CliIo): Promise<number> => {
  const { email, name, role } = parseOptions({
    args,
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
  }).values;
  if (!email || !name || !role) throw new UsageError('user add needs --email, --name and --role');
  if (!io.readSecret) throw new UsageError('no way to read a password here');
  const password = await io.readSecret(`Password for ${email}: `);
  try {
    // The owner is made as the setup page makes it: only while there is none, and its setup codes are used up.
    const account = await withStorage(config, (db) =>
      role === 'owner'
        ? createOwner(db, { email, name, password })
        : createAccount(db, { email, name, role, password }),
    );
    io.stdout(`Created ${role === 'owner' ? 'owner (admin)' : account.role} ${account.name} <${account.email}>.`);
    return 0;
  } catch (error) {
    if (error instanceof NotAllowed)
      return refused(io, ['user add: the owner exists already; add admins with --role admin.']);
    if (!(error instanceof InvalidInput)) throw error;
    return refused(
      io,
      Object.entries(error.fields).map(([field, message]) => `user add: ${field}: ${message}`),
    );
  }
};

const runUserPassword = async (config: Config, args: string[], io: CliIo): Promise<number> => {
  const email = parseOptions({ args, options: { email: { type: 'string' } } })
    .values.email?.trim()
    .toLowerCase();
  if (!email) throw new UsageError('user password needs --email');
  if (!io.readSecret) throw new UsageError('no way to read a password here');
  const readSecret = io.readSecret;
  try {
    return await withStorage(config, async (db) => {
      const account = await findAccountByEmail(db, email);
      if (!account) {
        io.stderr(`user password: no account with the email ${email}.`);
        return 1;
      }
      await setPassword(db, account.id, await readSecret(`New password for ${email}: `));
      io.stdout(`Set a new password for ${account.name} <${email}>; their sessions were signed out.`);
      return 0;
    });
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    return refused(
      io,
      Object.values(error.fields).map((message) => `user password: ${message}`),
    );
  }
};

/** How the CLI names each field of the author form in its messages. */
const AUTHOR_OPTION: Record<string, string> = { name: '--name', slug: '--slug', jobTitle: '--title' };

const runAuthorAdd = async (config: Config, args: string[], io: CliIo): Promise<number> => {
  const { name, slug, title } = parseOptions({
    args,
    options: { name: { type: 'string' }, slug: { type: 'string' }, title: { type: 'string' } },
  }).values;
  if (name === undefined) throw new UsageError('author add needs --name');
  try {
    const author = await withStorage(config, (db) =>
      createAuthor(db, { ...emptyAuthorForm(), name, slug: slug ?? '', jobTitle: title ?? '' }),
    );
    io.stdout(`Created author ${author.name} (slug ${author.slug}${author.jobTitle ? `, ${author.jobTitle}` : ''}).`);
    return 0;
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    return refused(
      io,
      Object.entries(error.fields).map(
        ([field, message]) => `author add: ${AUTHOR_OPTION[field] ?? field}: ${message}`,
      ),
    );
  }
};

/** Runs one command; returns the exit code. Never throws for bad input. */
export const runCli = async (argv: string[], io: CliIo): Promise<number> => {
  const [command = 'serve', ...rest] = argv;
  try {
    if (command === 'help' || command === '--help' || command === '-h') {
      io.stdout(USAGE);
      return 0;
    }
    const config = loadConfig(io.env);
    // Dates from the system's time zone database, not ICU's (record 0030, "Later: dates without ICU").
    const zoneFolders = systemZoneFolders(io.env);
    useZoneSource((timeZone) => readSystemZone(timeZone, zoneFolders));
    // Every process loads the plugins at its start, before any work: one that cannot load stops it here.
    const plugins = await loadPlugins(config.plugins, {
      ...(io.importModule ? { importModule: io.importModule } : {}),
      // A hook that fails in a command (import-page) is one line on stderr naming its plugin; the command goes on.
      log: {
        error: (obj, msg) => io.stderr(`${msg}: ${obj.err instanceof Error ? obj.err.message : String(obj.err)}`),
      },
    });
    // Commands other than serve, user and author load their code when they run: evaluated at every start, the
    // importers and the site archive (and the packages they bring) cost `serve` time it never uses (record 0030).
    switch (command) {
      case 'serve':
        // Only a serving process draws pages: it alone loads the theme, and one that cannot load stops it here.
        await serve(
          config,
          plugins,
          config.theme
            ? await loadTheme(config.theme, io.importModule ? { importModule: io.importModule } : {})
            : undefined,
        );
        return 0;
      case 'import-page':
        return await (await import('./import-page-command.js')).runImportPage(config, rest, io, plugins);
      case 'import':
        return await (await import('./import-subcommand.js')).runImportSubcommand(config, rest, io, plugins);
      case 'user': {
        const [sub, ...args] = rest;
        if (sub === 'add') return await runUserAdd(config, args, io);
        if (sub === 'password') return await runUserPassword(config, args, io);
        throw new UsageError('the user command has two subcommands: add and password');
      }
      case 'author': {
        const [sub, ...args] = rest;
        if (sub === 'add') return await runAuthorAdd(config, args, io);
        throw new UsageError('the author command has one subcommand: add');
      }
      case 'pages': {
        const [sub, ...args] = rest;
        if (sub !== 'render') throw new UsageError('the pages command has one subcommand: render');
        const theme = config.theme
          ? await loadTheme(config.theme, io.importModule ? { importModule: io.importModule } : {})
          : undefined;
        return await (await import('./render-pages.js')).runPagesRender(config, args, io, plugins, theme);
      }
      case 'api-key':
        return await (await import('./api-key.js')).runApiKey(config, rest, io);
      case 'export':
        return await (await import('./site-archive.js')).runExport(config, rest, io);
      case 'search': {
        const [sub, ...args] = rest;
        if (sub === 'rebuild') return await (await import('./search-rebuild.js')).runSearchRebuild(config, args, io);
        throw new UsageError('the search command has one subcommand: rebuild');
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`dateline: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr(error.message);
      return 2;
    }
    if (error instanceof PluginError) {
      io.stderr(`dateline: ${error.message}`);
      return 1;
    }
    io.stderr(`dateline: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
};
export type { CliIo };
