import type { Article } from '../../domain/article.js';
import { cropFileName, mediaUrl } from '../../domain/media.js';
import type { PluginArticle } from '../../plugins/contract.js';
import { toPluginArticle } from '../../plugins/plugin-article.js';

/**
 * The article as plugins' slots get it, made when a slot first asks: its absolute address, its shared-link photo
 * (the 1200×630 crop) as feature_image, and its custom fields.
 */
export const slotArticle =
  (article: Article, baseUrl: string, canonicalPath: string): (() => PluginArticle) =>
  () => {
    const photo = article.mainPhoto;
    return toPluginArticle(article, {
      url: baseUrl + canonicalPath,
      featureImage: photo ? baseUrl + mediaUrl(photo.mediaId, photo.hash, cropFileName('og')) : null,
      // Stored with the article by the custom fields' part of issue 14, where it is there.
      customFields: (article as { customFields?: Record<string, string | boolean> }).customFields ?? {},
    });
  };
