import type { AddressInfo } from 'node:net';
import { createApiKeyService, type ApiKeyService } from '../../src/services/api-keys.js';
import { secretKeyOnce } from '../../src/services/secret-key.js';
import { buildTestApp, type TestApp } from './app.js';
import type { TestStorage } from './backends.js';

export interface ContentApiServer {
  app: TestApp;
  /** Where it listens: `http://127.0.0.1:{port}`. */
  origin: string;
  /** A key service sealing with the storage's own secret key, as the app's is. */
  keys: ApiKeyService;
  /** A Content API key made for the test. */
  key: string;
  close(): Promise<void>;
}

/**
 * The real app over the test's storage, its clock held at `now`, listening on a free port as Ghost's clients need,
 * with one Content API key named `keyName`.
 */
export const startContentApiServer = async (
  storage: TestStorage,
  now: Date,
  keyName: string,
): Promise<ContentApiServer> => {
  const app = await buildTestApp(storage.db, now);
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  const keys = createApiKeyService({
    db: storage.db,
    clock: () => now,
    secretKey: secretKeyOnce(storage.db, storage.dataDir),
  });
  const { key } = await keys.createApiKey({ name: keyName, type: 'content' });
  return {
    app,
    origin: `http://127.0.0.1:${(app.app.server.address() as AddressInfo).port}`,
    keys,
    key,
    close: () => app.close(),
  };
};
