import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { MediaRef } from '../../domain/article.js';
import { bodyText } from '../../domain/body.js';
import { pickFields, type ContentQuery } from '../../domain/content-api-query.js';
import { absoluteUrls } from '../../domain/feed-items.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import type { ContentItem } from '../../services/content-api-objects.js';
import { BodyBlocks } from '../../views/reader/BodyBlocks.js';

/** How BodyBlocks opens the article page's body (views/reader/BodyBlocks.tsx). */
const BODY_OPEN = '<div class="article-body">';

/**
 * Draws Admin API posts and pages: the Content API's objects with `html` always (an integration that edits reads the
 * body it edits) and `plaintext` when `formats` asks; tags and authors always, as Ghost's Admin API includes them.
 */
export const adminPresenter = (plugins: PluginRegistry | undefined, baseUrl: () => string) => {
  const bodyPlugins = plugins && plugins.blocks.size > 0 ? { registry: plugins } : undefined;

  const htmlOf = (item: ContentItem, media: Map<number, MediaRef>): string => {
    const drawn = renderToString(h(BodyBlocks, { blocks: item.body, media, plugins: bodyPlugins }));
    const inner = drawn.startsWith(BODY_OPEN) && drawn.endsWith('</div>') ? drawn.slice(BODY_OPEN.length, -6) : drawn;
    return absoluteUrls(inner, baseUrl());
  };

  return (item: ContentItem, query: Pick<ContentQuery, 'fields' | 'formats'>, media: Map<number, MediaRef>) => {
    const own: Record<string, unknown> = { ...item.fields, html: htmlOf(item, media) };
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
