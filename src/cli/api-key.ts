import type { Config } from '../config.js';
import { API_KEY_TYPES, createApiKeyService, type ApiKeyListing, type ApiKeyService } from '../services/api-keys.js';
import { NotFound } from '../services/errors.js';
import { secretKeyOnce } from '../services/secret-key.js';
import type { Db } from '../storage/database.js';
import { type CliIo, UsageError, parseOptions, withStorage } from './cli-support.js';

const serviceFor = (config: Config, db: Db): ApiKeyService =>
  createApiKeyService({ db, clock: () => new Date(), secretKey: secretKeyOnce(db, config.dataDir) });

const isKeyType = (type: string): type is (typeof API_KEY_TYPES)[number] =>
  (API_KEY_TYPES as readonly string[]).includes(type);

/** `api-key add`: the key is printed once, as the last line, so a script takes it with `tail -n 1`. */
const runAdd = async (config: Config, args: string[], io: CliIo): Promise<number> => {
  const { name, type } = parseOptions({
    args,
    options: { name: { type: 'string' }, type: { type: 'string' } },
  }).values;
  if (!name?.trim() || type === undefined) throw new UsageError('api-key add needs --name and --type');
  if (!isKeyType(type)) throw new UsageError(`--type is content or admin (got "${type}")`);
  if (name.trim().length > 120) throw new UsageError('--name must be under 120 characters');
  const made = await withStorage(config, (db) => serviceFor(config, db).createApiKey({ name, type }));
  io.stdout(`Created ${made.type} key "${made.name}" (id ${made.id}). It is shown only now: keep it somewhere safe.`);
  io.stdout(made.key);
  return 0;
};

const when = (date: Date | null): string => (date ? date.toISOString().slice(0, 16).replace('T', ' ') : '-');

const listingLines = (keys: ApiKeyListing[]): string[] => {
  const rows = [
    ['ID', 'TYPE', 'CREATED', 'LAST USED', 'REVOKED', 'NAME'],
    ...keys.map((k) => [k.id, k.type, when(k.createdAt), when(k.lastUsedAt), when(k.revokedAt), k.name]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
};

/** `api-key list`: every key, newest first, times in UTC; never a key or a secret. */
const runList = async (config: Config, args: string[], io: CliIo): Promise<number> => {
  if (args.length > 0) throw new UsageError(`api-key list takes no arguments (got "${args[0]}")`);
  const keys = await withStorage(config, (db) => serviceFor(config, db).listApiKeys());
  if (keys.length === 0) io.stdout('No API keys.');
  else for (const line of listingLines(keys)) io.stdout(line);
  return 0;
};

/** `api-key revoke ID`: running servers refuse the key within a second (services/api-keys.ts). */
const runRevoke = async (config: Config, args: string[], io: CliIo): Promise<number> => {
  const { positionals } = parseOptions({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError('api-key revoke takes exactly one ID');
  const id = positionals[0]!;
  try {
    const revoked = await withStorage(config, (db) => serviceFor(config, db).revokeApiKey(id));
    io.stdout(revoked ? `Revoked the API key ${id}.` : `The API key ${id} was revoked already.`);
    return 0;
  } catch (error) {
    if (!(error instanceof NotFound)) throw error;
    io.stderr(`api-key revoke: there is no API key with the id ${id} (see dateline api-key list).`);
    return 1;
  }
};

/** `dateline api-key add | list | revoke`: keys of the Ghost-compatible APIs (issue 16). */
export const runApiKey = async (config: Config, args: string[], io: CliIo): Promise<number> => {
  const [sub, ...rest] = args;
  if (sub === 'add') return runAdd(config, rest, io);
  if (sub === 'list') return runList(config, rest, io);
  if (sub === 'revoke') return runRevoke(config, rest, io);
  throw new UsageError('the api-key command has three subcommands: add, list and revoke');
};
