import type { Article } from '../domain/article.js';
import { cropFileName, mediaUrl } from '../domain/media.js';
import { tagSlug } from '../domain/tag.js';
import type { PluginArticle } from './contract.js';

/**
 * An article as slots, hooks and themes get it (contract.ts's PluginArticle, the Ghost Content API's post shape):
 * `url` is its absolute canonical address (empty for an article never published, which has none yet),
 * `feature_image` the absolute URL of its main photo's shared-link crop (1200×630; null without a photo),
 * `custom_fields` the plugins' field values stored with it.
 */
export const toPluginArticle = (
  article: Pick<
    Article,
    | 'id'
    | 'slug'
    | 'headline'
    | 'standfirst'
    | 'section'
    | 'bylines'
    | 'tags'
    | 'publishedAt'
    | 'updatedAt'
    | 'mainPhoto'
    | 'customFields'
  >,
  where: { baseUrl: string; path: string | null },
): PluginArticle => {
  const photo = article.mainPhoto;
  const tags = article.tags.map((name) => ({ name, slug: tagSlug(name) }));
  const authors = article.bylines.map((a) => ({ name: a.name, slug: a.slug }));
  return {
    id: String(article.id),
    slug: article.slug,
    title: article.headline,
    custom_excerpt: article.standfirst,
    url: where.path === null ? '' : where.baseUrl + where.path,
    published_at: article.publishedAt?.toISOString() ?? null,
    updated_at: article.updatedAt?.toISOString() ?? null,
    feature_image: photo ? where.baseUrl + mediaUrl(photo.mediaId, photo.hash, cropFileName('og')) : null,
    tags,
    primary_tag: tags[0] ?? null,
    authors,
    primary_author: authors[0] ?? null,
    section: { name: article.section.name, slug: article.section.slug },
    custom_fields: { ...article.customFields },
  };
};
