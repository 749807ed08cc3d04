import { createRequire } from 'node:module';

/** What Ghost's client answers: an object, or a list with the browse's `meta`. */
export type GhostRecord = Record<string, unknown>;
export type GhostList = GhostRecord[] & { meta: { pagination: Record<string, number | null> } };

interface Resource {
  browse(options?: Record<string, unknown>): Promise<GhostList>;
  read(data: { id?: string; slug?: string }, options?: Record<string, unknown>): Promise<GhostRecord>;
}

export interface GhostContentClient {
  posts: Resource;
  pages: Resource;
  tags: Resource;
  authors: Resource;
  settings: { browse(options?: Record<string, unknown>): Promise<GhostRecord> };
}

type Factory = (options: { url: string; key: string; version: string }) => GhostContentClient;

/** Ghost's own `@tryghost/content-api` (it ships no types): the client every Ghost front end uses. */
const GhostContentAPI = createRequire(import.meta.url)('@tryghost/content-api') as Factory;

/** The client for the server at `url` with a content key, as a current Ghost front end configures it. */
export const ghostContentClient = (url: string, key: string): GhostContentClient =>
  GhostContentAPI({ url, key, version: 'v5.0' });
