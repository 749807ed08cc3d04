import type { SectionTree } from '../domain/section.js';
import { loadOrCreateSecret } from '../services/secrets.js';
import type { Db } from '../storage/database.js';
import { createArticleDirectory, type ArticleDirectory } from './article-directory.js';
import { createViewTracker, type ViewTracker } from './view-tracker.js';
import type { ViewStore } from './view-store.js';

export interface ViewCounting {
  tracker: ViewTracker;
  directory: ArticleDirectory;
  tokenKey: Buffer;
}

/** Wires view counting over a store: the article directory, the tracker and the token key. */
export const createViewCounting = async (opts: {
  db: Db;
  store: ViewStore;
  sections: SectionTree;
  clock: () => number;
  onError: (error: unknown) => void;
  /** The tracker's flush interval (its default when absent); null: flushed only on demand (tests). */
  flushMs?: number | null;
}): Promise<ViewCounting> => {
  const directory = createArticleDirectory(opts.db, opts.sections);
  const { store, clock, onError, flushMs } = opts;
  const tracker = createViewTracker({ store, directory, clock, onError, flushMs });
  const tokenKey = await loadOrCreateSecret(opts.db, 'view-token');
  return { tracker, directory, tokenKey };
};
