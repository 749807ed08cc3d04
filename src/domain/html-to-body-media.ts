/**
 * The HTML converter's images and embeds (html-to-body.ts). An image becomes an `image-source` for the caller to
 * find in the media library; a frame, video, audio, block-editor embed figure or social post's embed code becomes
 * an embed block (a link to the original: no third-party script runs on our pages).
 */
import { embedTitle, embedUrl, imageSource, resolved } from './html-to-body-embeds.js';
import { fitText, LIMITS } from './html-to-body-runs.js';
import {
  attr,
  container,
  descendants,
  flush,
  hasClass,
  isElement,
  note,
  textOf,
  type Element,
  type Scope,
  type State,
} from './html-to-body-tree.js';
import type { HtmlImage } from './html-to-body.js';

interface Captioned {
  caption: string;
  credit: string;
}

/** Lazy-loading plugins keep the real address in data-src and put a placeholder (often data:) in src. */
const sourceOf = (el: Element): string | undefined => {
  const src = attr(el, 'src');
  const lazy = attr(el, 'data-src') ?? attr(el, 'data-lazy-src') ?? attr(el, 'data-orig-file');
  return lazy !== undefined && (src === undefined || /^\s*data:/i.test(src)) ? lazy : src;
};

export const image = (el: Element, scope: Scope, st: State, captioned?: Captioned): void => {
  flush(scope, st);
  const raw = sourceOf(el);
  if (raw === undefined || raw.trim() === '') return note(st, 'An image without an address was dropped');
  const src = imageSource(raw, st.baseUrl);
  if (src === null)
    return note(
      st,
      /^\s*data:/i.test(raw)
        ? 'An image written into the HTML (a data: address) was dropped'
        : 'An image whose address is not a web address was dropped',
    );
  const cutShort = (what: string) => () => note(st, `An image's ${what} was cut short`);
  const img: HtmlImage = { src, alt: fitText(attr(el, 'alt') ?? '', LIMITS.alt, cutShort('alt text')) };
  const caption = fitText(captioned?.caption ?? '', LIMITS.caption, cutShort('caption'));
  const credit = fitText(captioned?.credit ?? '', LIMITS.credit, cutShort('credit'));
  if (caption !== '') img.caption = caption;
  if (credit !== '') img.credit = credit;
  scope.emit({ type: 'image-source', image: img });
};

/** A frame, video or audio: an embed of its address, or nothing (said so) when it has no web address. */
export const media = (el: Element, scope: Scope, st: State, title?: string): void => {
  flush(scope, st);
  const sources = [attr(el, 'src'), ...el.childNodes.filter(isElement).map((s) => attr(s, 'src'))];
  const raw = sources.find((s) => s !== undefined && s.trim() !== '');
  const url = raw === undefined ? null : embedUrl(resolved(raw, st.baseUrl) ?? '');
  if (url === null) {
    const srcdoc = el.tagName === 'iframe' && attr(el, 'srcdoc') !== undefined;
    return note(
      st,
      srcdoc
        ? 'A frame written into the HTML (srcdoc) was dropped'
        : `An <${el.tagName}> without a web address was dropped`,
    );
  }
  const given = title || attr(el, 'title') || attr(el, 'aria-label');
  scope.emit({ type: 'embed', url, title: embedTitle(given, url) });
};

/**
 * A figure: one image with its caption and credit (a <small> in the caption, or anything whose class names a
 * credit); a block-editor embed; a frame with its caption as title; else (a gallery, a pull quote, a table) what it
 * holds, its caption a paragraph.
 */
export const figure = (el: Element, scope: Scope, st: State): void => {
  if (hasClass(el, 'wp-block-embed') && embedFigure(el, scope, st)) return;
  const ownCaption = el.childNodes.find((n): n is Element => isElement(n) && n.tagName === 'figcaption');
  const notNested = (e: Element) => e.tagName !== 'figure';
  const images = descendants(el, (e) => e.tagName === 'img', notNested);
  if (images.length === 1) {
    const credits = descendants(
      el,
      (e) => hasClass(e, 'credit') || (e.tagName === 'small' && ownCaption !== undefined && within(e, ownCaption)),
      notNested,
    );
    const isCredit = (e: Element) => credits.includes(e);
    // [caption] shortcodes and hand-written figures put the caption's words beside the image, without <figcaption>.
    const caption = textOf(ownCaption ? [ownCaption] : el.childNodes, isCredit);
    const credit = credits.map((c) => textOf([c])).join(' ');
    return image(images[0]!, scope, st, { caption, credit });
  }
  const frames = descendants(el, (e) => ['iframe', 'video', 'audio'].includes(e.tagName), notNested);
  if (images.length === 0 && frames.length === 1)
    return media(frames[0]!, scope, st, ownCaption ? textOf([ownCaption]) : undefined);
  container(el, scope, st);
};

const within = (node: Element, ancestor: Element): boolean => {
  for (let p = node.parentNode; p; p = 'parentNode' in p ? p.parentNode : null) if (p === ancestor) return true;
  return false;
};

/** The block editor's embed: its address alone in the figure's wrapper, its caption the title. */
const embedFigure = (el: Element, scope: Scope, st: State): boolean => {
  const ownCaption = el.childNodes.find((n): n is Element => isElement(n) && n.tagName === 'figcaption');
  const words = textOf(el.childNodes, (e) => e === ownCaption);
  const frames = descendants(el, (e) => e.tagName === 'iframe');
  const candidates = [
    ...(words.match(/https?:\/\/\S+/gi) ?? []),
    ...frames.map((f) => attr(f, 'src')),
    ...descendants(el, (e) => e.tagName === 'a' || e.tagName === 'blockquote').map(
      (e) => attr(e, 'href') ?? attr(e, 'cite'),
    ),
  ];
  for (const candidate of candidates) {
    const url = candidate === undefined ? null : embedUrl(candidate);
    if (url === null) continue;
    flush(scope, st);
    const title = (ownCaption ? textOf([ownCaption]) : '') || (frames[0] && attr(frames[0], 'title'));
    scope.emit({ type: 'embed', url, title: embedTitle(title || undefined, url) });
    return true;
  }
  note(st, 'An embed without a web address was read as text');
  return false;
};

/** Embed codes that are a quote of the post with a link to it (X, Instagram, TikTok, Bluesky, Threads, Reddit). */
const SOCIAL = [
  'twitter-tweet',
  'twitter-video',
  'instagram-media',
  'tiktok-embed',
  'bluesky-embed',
  'text-post-media',
  'reddit-embed',
];

/** A social post's embed code as an embed of the post (its permalink the last link in it), titled by its words. */
export const socialEmbed = (el: Element, scope: Scope, st: State): boolean => {
  if (!SOCIAL.some((name) => hasClass(el, name))) return false;
  const links = descendants(el, (e) => e.tagName === 'a').map((a) => attr(a, 'href'));
  const candidates = [attr(el, 'data-instgrm-permalink'), attr(el, 'cite'), ...links.reverse()];
  for (const candidate of candidates) {
    const url = candidate === undefined ? null : embedUrl(candidate);
    if (url === null) continue;
    flush(scope, st);
    scope.emit({ type: 'embed', url, title: embedTitle(textOf([el]), url) });
    return true;
  }
  return false;
};
