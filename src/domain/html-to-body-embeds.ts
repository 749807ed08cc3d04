/**
 * Addresses in converted HTML: which become embed blocks, which links and image sources survive, and how relative
 * ones are made absolute. An embed is drawn as a plain link to the original (views/reader/BodyBlocks.tsx), so an
 * embed block may point at any http(s) page the Embed dialog would take (embed-address.ts).
 */
import { isSafeHref, MAX_EMBED_TITLE, type Mark } from './body-text.js';
import { embedAddress, embedAddressProblem } from './embed-address.js';
import { cut } from './html-to-body-runs.js';

/**
 * Sites whose address alone on a line WordPress turns into an embed (its oEmbed providers, the ones newsrooms
 * use): only these make a bare address an embed block; any other stays a paragraph with its link.
 */
const PROVIDERS: readonly (readonly [host: string, name: string])[] = [
  ['youtube.com', 'YouTube'],
  ['youtu.be', 'YouTube'],
  ['vimeo.com', 'Vimeo'],
  ['twitter.com', 'X'],
  ['x.com', 'X'],
  ['instagram.com', 'Instagram'],
  ['facebook.com', 'Facebook'],
  ['tiktok.com', 'TikTok'],
  ['threads.net', 'Threads'],
  ['bsky.app', 'Bluesky'],
  ['soundcloud.com', 'SoundCloud'],
  ['spotify.com', 'Spotify'],
  ['mixcloud.com', 'Mixcloud'],
  ['dailymotion.com', 'Dailymotion'],
  ['flickr.com', 'Flickr'],
  ['flic.kr', 'Flickr'],
  ['imgur.com', 'Imgur'],
  ['reddit.com', 'Reddit'],
  ['tumblr.com', 'Tumblr'],
  ['ted.com', 'TED'],
  ['wordpress.tv', 'WordPress.tv'],
  ['videopress.com', 'VideoPress'],
  ['slideshare.net', 'SlideShare'],
  ['scribd.com', 'Scribd'],
  ['issuu.com', 'Issuu'],
  ['speakerdeck.com', 'Speaker Deck'],
  ['pinterest.com', 'Pinterest'],
  ['giphy.com', 'Giphy'],
  ['kickstarter.com', 'Kickstarter'],
  ['loom.com', 'Loom'],
  ['datawrapper.dwcdn.net', 'Datawrapper'],
  ['google.com', 'Google'],
];

const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
};

const providerOf = (url: string): string | undefined => {
  const host = hostOf(url);
  return PROVIDERS.find(([domain]) => host === domain || host.endsWith(`.${domain}`))?.[1];
};

/**
 * The address as an embed block keeps it, or null when the Embed dialog would refuse it (embedAddressProblem) or it
 * is not a safe link; a protocol-relative one is read as https.
 */
export const embedUrl = (raw: string): string | null => {
  let url = embedAddress(raw);
  if (url.startsWith('//')) url = `https:${url}`;
  return embedAddressProblem(url) === null && isSafeHref(url) ? readerAddress(url) : null;
};

/** A player's address (YouTube's /embed/, Vimeo's player) as the page readers can open. */
const readerAddress = (url: string): string => {
  const youtube = /^https?:\/\/(?:www\.)?youtube(?:-nocookie)?\.com\/embed\/([\w-]{6,})/i.exec(url);
  if (youtube) return `https://www.youtube.com/watch?v=${youtube[1]}`;
  const vimeo = /^https?:\/\/player\.vimeo\.com\/video\/(\d+)/i.exec(url);
  if (vimeo) return `https://vimeo.com/${vimeo[1]}`;
  return url;
};

/** A paragraph's whole text, when it is an address WordPress would have embedded (oEmbed on its own line). */
export const bareEmbedUrl = (text: string): string | null => {
  const trimmed = text.trim();
  if (!/^https?:\/\/\S+$/i.test(trimmed) || !providerOf(trimmed)) return null;
  return embedUrl(trimmed);
};

/** An embed's title: the one given, or words naming where it comes from. Never empty, never too long. */
export const embedTitle = (given: string | undefined, url: string): string => {
  const title = (given ?? '').replace(/\s+/g, ' ').trim();
  if (title !== '') return title.length <= MAX_EMBED_TITLE ? title : cut(title, MAX_EMBED_TITLE - 1).trimEnd() + '…';
  return `Embedded from ${providerOf(url) ?? (hostOf(url).replace(/^www\./, '') || 'another site')}`;
};

/** Resolves an address against the page's own, when one is given; protocol-relative ones become https. */
export const resolved = (raw: string, baseUrl: string | undefined): string | null => {
  const href = raw.trim();
  if (href.startsWith('//')) return `https:${href}`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || baseUrl === undefined) return href;
  try {
    return new URL(href, baseUrl).href;
  } catch {
    return null;
  }
};

/** What a link's address is: kept (as a mark), or why it is dropped (a note's words). */
export type LinkResult = { mark: Mark } | { dropped: string };

/**
 * A link mark for an <a href>: http(s) and mailto as written, relative addresses made absolute against `baseUrl`
 * (paths on this site kept when there is none). Every other scheme (javascript:, data:, vbscript:), however
 * spelled, is dropped: the parser has already decoded entities, and the scheme is read as a browser would.
 */
export const linkMark = (raw: string, baseUrl: string | undefined, newTab: boolean): LinkResult => {
  const href = resolved(raw, baseUrl);
  if (href === null || href === '') return { dropped: 'A link with an unreadable address lost its link' };
  if (!isSafeHref(href) || (href.startsWith('/') === false && !schemeAllowed(href)))
    return { dropped: `A link to ${schemeName(href)} lost its link; its words are kept` };
  if (href.length > 2048) return { dropped: 'A link with an address over 2,048 characters lost its link' };
  return { mark: newTab ? { type: 'link', href, newTab: true } : { type: 'link', href } };
};

/** A browser drops tabs and line breaks inside a scheme: "java\tscript:" is javascript:. */
const schemeAllowed = (href: string): boolean => {
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(href).protocol);
  } catch {
    return false;
  }
};

const schemeName = (href: string): string => {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec([...href].filter((c) => c.charCodeAt(0) > 0x20).join(''));
  return scheme ? `a "${scheme[1]!.toLowerCase()}:" address` : 'an address that is not a web page';
};

/** An image's source as the media library is asked for it: http(s), or a path on the old site; else null. */
export const imageSource = (raw: string, baseUrl: string | undefined): string | null => {
  const src = resolved(raw, baseUrl);
  if (src === null || src.length > 2048) return null;
  if (src.startsWith('/')) return isSafeHref(src) ? src : null;
  return /^https?:\/\//i.test(src) && isSafeHref(src) && schemeAllowed(src) ? src : null;
};
