import type { Article } from '../../domain/article.js';
import type { PluginArticle } from '../../plugins/contract.js';
import { toPluginArticle } from '../../plugins/plugin-article.js';

/**
 * The article as plugins' slots get it, made when a slot first asks: its absolute address, its shared-link photo
 * (the 1200×630 crop) as feature_image, and its custom fields.
 */
export const slotArticle =
  (article: Article, baseUrl: string, canonicalPath: string): (() => PluginArticle) =>
  () =>
    toPluginArticle(article, { baseUrl, path: canonicalPath });
