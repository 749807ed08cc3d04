/**
 * What the first reading of a WordPress export keeps (record 0024): the small things every post refers to (authors,
 * categories, tags, Co-Authors Plus guest authors, attachments' addresses) and the counts the report gives. Posts'
 * bodies are not kept: the second reading maps each post as it comes.
 */
import type { WxrAuthor, WxrChannel, WxrEvent, WxrItem, WxrTerm } from './wxr-parse.js';

export interface WxrAttachment {
  url: string;
  alt: string;
  title: string;
}

export interface WxrGuestAuthor {
  login: string;
  displayName: string;
}

export interface WxrIndex {
  channel: WxrChannel;
  /** By login. */
  authors: Map<string, WxrAuthor>;
  /** By slug. */
  categories: Map<string, WxrTerm>;
  tags: Map<string, WxrTerm>;
  /** Co-Authors Plus guest authors (post type guest-author), by their user_login. */
  guestAuthors: Map<string, WxrGuestAuthor>;
  /** By post id. */
  attachments: Map<string, WxrAttachment>;
  /** Items by post type, as read. */
  itemsByType: Map<string, number>;
  comments: number;
}

export function createWxrIndex(): WxrIndex {
  return {
    channel: { title: '', link: '', baseSiteUrl: '', baseBlogUrl: '', wxrVersion: '' },
    authors: new Map(),
    categories: new Map(),
    tags: new Map(),
    guestAuthors: new Map(),
    attachments: new Map(),
    itemsByType: new Map(),
    comments: 0,
  };
}

export const metaOf = (item: WxrItem, key: string): string | undefined => item.meta.find((m) => m.key === key)?.value;

export function addToIndex(index: WxrIndex, event: WxrEvent): void {
  switch (event.kind) {
    case 'channel':
      index.channel = event.channel;
      return;
    case 'author':
      if (event.author.login !== '') index.authors.set(event.author.login, event.author);
      return;
    case 'term': {
      const term = event.term;
      if (term.slug === '') return;
      if (term.taxonomy === 'category') index.categories.set(term.slug, term);
      else if (term.taxonomy === 'post_tag') index.tags.set(term.slug, term);
      return;
    }
    case 'item':
      addItem(index, event.item);
  }
}

function addItem(index: WxrIndex, item: WxrItem): void {
  index.itemsByType.set(item.postType, (index.itemsByType.get(item.postType) ?? 0) + 1);
  index.comments += item.comments;
  if (item.postType === 'attachment' && item.postId !== '' && item.attachmentUrl !== '') {
    index.attachments.set(item.postId, {
      url: item.attachmentUrl,
      alt: (metaOf(item, '_wp_attachment_image_alt') ?? '').trim(),
      title: item.title,
    });
  } else if (item.postType === 'guest-author') {
    const login = (metaOf(item, 'cap-user_login') ?? '').trim();
    const displayName = (metaOf(item, 'cap-display_name') ?? item.title).trim();
    if (login !== '') index.guestAuthors.set(login, { login, displayName });
  }
}

/** The export's site, which scopes its ids: the blog's address, else the site's, else the channel's link. */
export const siteOf = (channel: WxrChannel): string =>
  (channel.baseBlogUrl || channel.baseSiteUrl || channel.link).replace(/\/+$/, '');
