import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import type { PluginRegistry } from '../../src/plugins/registry.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { createApiKeyService, type ApiKeyService } from '../../src/services/api-keys.js';
import { secretKeyOnce } from '../../src/services/secret-key.js';
import type { Db } from '../../src/storage/database.js';

export type GhostRecord = Record<string, unknown>;
export type GhostList = GhostRecord[] & { meta: { pagination: Record<string, number | null> } };

interface Resource {
  browse(options?: Record<string, unknown>): Promise<GhostList>;
  read(data: { id?: string; slug?: string }, options?: Record<string, unknown>): Promise<GhostRecord>;
  add(data: GhostRecord, options?: Record<string, unknown>): Promise<GhostRecord>;
  edit(data: GhostRecord, options?: Record<string, unknown>): Promise<GhostRecord>;
  delete(data: { id: string }): Promise<unknown>;
}

export interface GhostAdminClient {
  posts: Resource;
  pages: Resource;
  tags: Resource;
  webhooks: Pick<Resource, 'add' | 'edit' | 'delete'>;
  images: { upload(data: { file: string; ref?: string }): Promise<{ url: string; ref: string | null }> };
  site: { read(): Promise<GhostRecord> };
}

type Factory = (options: { url: string; key: string; version: string }) => GhostAdminClient;

/** Ghost's own `@tryghost/admin-api` (it ships no types): the client Ghost's integrations use. */
const GhostAdminAPI = createRequire(import.meta.url)('@tryghost/admin-api') as Factory;

export const ghostAdminClient = (url: string, key: string, version = 'v5.0'): GhostAdminClient =>
  GhostAdminAPI({ url, key, version });

export interface AdminApiServer {
  worker: Worker;
  url: string;
  /** The worker's own key service: an admin key it makes is sealed with the key file the server opens. */
  keys: ApiKeyService;
  close(): Promise<void>;
}

/**
 * The real app as `dateline serve` wires it, listening on a free port, with its data folder (and so its secret key
 * file) shared with the test's own key service. The clock is the system's: the client signs its tokens with it.
 * `plugins`: the plugins the process loaded (their custom fields, blocks and hooks); none by default.
 */
export const startAdminApiServer = async (db: Db, opts: { plugins?: PluginRegistry } = {}): Promise<AdminApiServer> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-admin-api-'));
  const config = loadConfig({ DATELINE_DATA: dataDir, DATELINE_DEMO: '0', LOG_LEVEL: 'silent' });
  const worker = await composeWorker(config, {
    db,
    clock: () => new Date(),
    logger: null,
    timers: false,
    ...(opts.plugins ? { plugins: opts.plugins } : {}),
  });
  await worker.start();
  await worker.app.listen({ port: 0, host: '127.0.0.1' });
  const keys = createApiKeyService({ db, clock: () => new Date(), secretKey: secretKeyOnce(db, dataDir) });
  return {
    worker,
    url: `http://127.0.0.1:${(worker.app.server.address() as AddressInfo).port}`,
    keys,
    close: async () => {
      await worker.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
