import type { Article } from '../domain/article.js';
import { tagSlug } from '../domain/tag.js';
import type { PluginArticle } from './contract.js';

/**
 * An article as slots, hooks and themes get it (contract.ts's PluginArticle, the Ghost Content API's post shape):
 * `url` is its absolute canonical address, `feature_image` its main photo's absolute URL (null without one),
 * `custom_fields` the plugins' field values stored with it.
 */
export const toPluginArticle = (
  article: Pick<
    Article,
    'id' | 'slug' | 'headline' | 'standfirst' | 'section' | 'bylines' | 'tags' | 'publishedAt' | 'updatedAt'
  >,
  where: { url: string; featureImage: string | null; customFields?: Record<string, string | boolean> },
): PluginArticle => {
  const tags = article.tags.map((name) => ({ name, slug: tagSlug(name) }));
  const authors = article.bylines.map((a) => ({ name: a.name, slug: a.slug }));
  return {
    id: String(article.id),
    slug: article.slug,
    title: article.headline,
    custom_excerpt: article.standfirst,
    url: where.url,
    published_at: article.publishedAt?.toISOString() ?? null,
    updated_at: article.updatedAt?.toISOString() ?? null,
    feature_image: where.featureImage,
    tags,
    primary_tag: tags[0] ?? null,
    authors,
    primary_author: authors[0] ?? null,
    section: { name: article.section.name, slug: article.section.slug },
    custom_fields: { ...(where.customFields ?? {}) },
  };
};
