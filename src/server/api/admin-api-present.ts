import type { MediaRef } from '../../domain/article.js';
import { bodyText } from '../../domain/body.js';
import { pickFields, type ContentQuery } from '../../domain/content-api-query.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import type { ContentItem } from '../../services/content-api-objects.js';
import { bodyHtmlRenderer } from './body-html.js';

/**
 * Draws Admin API posts and pages: the Content API's objects with `html` always (an integration that edits reads the
 * body it edits) and `plaintext` when `formats` asks; tags and authors always, as Ghost's Admin API includes them.
 */
export const adminPresenter = (plugins: PluginRegistry | undefined, baseUrl: () => string) => {
  const bodyHtml = bodyHtmlRenderer(plugins);

  return (item: ContentItem, query: Pick<ContentQuery, 'fields' | 'formats'>, media: Map<number, MediaRef>) => {
    const own: Record<string, unknown> = { ...item.fields, html: bodyHtml(item.body, media, baseUrl()) };
    if (query.formats.includes('plaintext')) own.plaintext = bodyText(item.body);
    return {
      ...pickFields(own, query.fields),
      tags: item.tags,
      primary_tag: item.tags[0] ?? null,
      authors: item.authors,
      primary_author: item.authors[0] ?? null,
    };
  };
};

export type AdminPresent = ReturnType<typeof adminPresenter>;
