/**
 * Ghost's cards, as both of its editors store them (record 0027): a Lexical decorator node and a Mobiledoc card
 * carry the same names and fields (`image` with src, alt and caption; `markdown` with markdown…). Each becomes our
 * blocks: images to load, embeds (links to the original, no third-party script), text; HTML and Markdown go
 * through the HTML converter, never kept as HTML. What the body cannot hold (uploaded video and audio, members-only
 * markers, newsletter-only text, cards we do not know) is dropped and said in a note.
 */
import { Marked } from 'marked';
import type { Inline } from './body-text.js';
import { embedTitle, embedUrl } from './html-to-body-embeds.js';
import { createRunBuilder } from './html-to-body-runs.js';
import { htmlToPlainText } from './html-to-body.js';
import {
  heading,
  html,
  image,
  isRecord,
  linkedMarks,
  note,
  paragraph,
  siteAddresses,
  type BodyOut,
  type Payload,
} from './ghost-body-out.js';

const str = (payload: Payload, key: string): string => {
  const value = payload[key];
  return typeof value === 'string' ? value : '';
};

const records = (value: unknown): Payload[] => (Array.isArray(value) ? value.filter(isRecord) : []);

// One parser of our own: marked's shared instance is global state a plugin could change. GitHub's flavour, as
// Ghost's Markdown card renders.
const markdown = new Marked({ gfm: true, async: false });

/** Cards dropped on purpose, and why (the note says it). */
const DROPPED: Record<string, string> = {
  hr: 'A horizontal rule was dropped',
  horizontalrule: 'A horizontal rule was dropped',
  video: 'A video uploaded to Ghost was dropped: the body holds images, not video files',
  audio: 'An audio file uploaded to Ghost was dropped: the body holds images, not audio files',
  file: 'A file download card was dropped: the body holds no file downloads',
  paywall: 'The members-only divider (paywall card) was dropped',
  email: 'Text meant only for the newsletter email was dropped',
  'email-cta': 'Text meant only for the newsletter email was dropped',
  signup: 'A members sign-up card was dropped',
};

export function card(out: BodyOut, name: string, payload: Payload): void {
  switch (name) {
    case 'image':
      return image(out, { src: str(payload, 'src'), alt: str(payload, 'alt'), caption: str(payload, 'caption') });
    case 'gallery':
      return gallery(out, payload);
    case 'embed':
      return embed(out, payload);
    case 'bookmark':
      return bookmark(out, payload);
    case 'html':
      html(out, str(payload, 'html'));
      return;
    case 'markdown':
    case 'card-markdown':
      html(out, markdown.parse(str(payload, 'markdown') || str(payload, 'cardMarkdown'), { async: false }));
      return;
    case 'callout':
      return callout(out, payload);
    case 'button':
      note(out, 'A button became a link');
      return link(out, str(payload, 'buttonText'), str(payload, 'buttonUrl'));
    case 'toggle':
      note(out, 'A toggle became a heading and its text');
      heading(out, 'h3', words(str(payload, 'heading')));
      html(out, str(payload, 'content'));
      return;
    case 'code':
    case 'codeblock':
      return code(out, payload);
    case 'header':
      return header(out, payload);
    case 'product':
      return product(out, payload);
  }
  note(out, DROPPED[name] ?? `A "${name}" card was dropped: Dateline has nothing like it`);
}

/** Plain text as runs the schema takes (a very long one split, nothing lost). */
const runsOf = (text: string): Inline[] => {
  const runs = createRunBuilder();
  runs.text(text, []);
  return runs.take();
};

/** HTML's words alone (a title, a caption), as runs. */
const words = (source: string): Inline[] => runsOf(htmlToPlainText(source));

function gallery(out: BodyOut, payload: Payload): void {
  const images = records(payload.images);
  if (images.length > 1) note(out, 'A gallery became its images, one after another');
  for (const i of images) image(out, { src: str(i, 'src'), alt: str(i, 'alt'), caption: str(i, 'caption') });
  paragraph(out, words(str(payload, 'caption')));
}

/** The embed's address, titled by what the provider said of it or its caption; else its embed code as HTML. */
function embed(out: BodyOut, payload: Payload): void {
  const url = embedUrl(siteAddresses(str(payload, 'url'), out.baseUrl));
  const metadata = records([payload.metadata])[0] ?? {};
  if (url !== null) {
    const title = str(metadata, 'title') || htmlToPlainText(str(payload, 'caption'));
    out.blocks.push({ type: 'embed', url, title: embedTitle(title || undefined, url) });
    return;
  }
  if (html(out, str(payload, 'html')).length === 0) note(out, 'An embed without a web address was dropped');
}

/** A bookmark is a card linking to a page: an embed, which readers see as a link to the original. */
function bookmark(out: BodyOut, payload: Payload): void {
  const url = embedUrl(siteAddresses(str(payload, 'url'), out.baseUrl));
  const metadata = records([payload.metadata])[0] ?? {};
  if (url === null) return note(out, 'A bookmark without a web address was dropped');
  const title = str(metadata, 'title') || htmlToPlainText(str(payload, 'caption'));
  out.blocks.push({ type: 'embed', url, title: embedTitle(title || undefined, url) });
}

function callout(out: BodyOut, payload: Payload): void {
  note(out, 'A callout became a paragraph');
  const emoji = str(payload, 'calloutEmoji').trim();
  const first = out.blocks.length;
  html(out, str(payload, 'calloutText'));
  const block = out.blocks[first];
  if (emoji === '' || block?.type !== 'paragraph') return;
  const lead = block.content[0];
  if (lead && !lead.marks) lead.text = `${emoji} ${lead.text}`;
  else block.content.unshift({ text: `${emoji} ` });
}

/** Words that link somewhere (a button's), as a paragraph; the words alone when the address is not kept. */
function link(out: BodyOut, text: string, href: string): void {
  const label = htmlToPlainText(text);
  if (label === '') return;
  const marks = href.trim() === '' ? [] : linkedMarks(out, [], href, false);
  paragraph(out, [marks.length > 0 ? { text: label, marks: [...marks] } : { text: label }]);
}

function code(out: BodyOut, payload: Payload): void {
  note(out, 'A code block became paragraphs, one for each line');
  for (const line of str(payload, 'code').split('\n')) paragraph(out, runsOf(line));
  paragraph(out, words(str(payload, 'caption')));
}

function header(out: BodyOut, payload: Payload): void {
  note(out, 'A header card became a heading and its text');
  heading(out, 'h2', words(str(payload, 'header')));
  paragraph(out, words(str(payload, 'subheader')));
  if (payload.buttonEnabled === true) link(out, str(payload, 'buttonText'), str(payload, 'buttonUrl'));
}

function product(out: BodyOut, payload: Payload): void {
  note(out, 'A product card became a heading, its image and its text');
  heading(out, 'h3', words(str(payload, 'productTitle')));
  const src = str(payload, 'productImageSrc');
  if (src !== '') image(out, { src, alt: htmlToPlainText(str(payload, 'productTitle')), caption: '' });
  html(out, str(payload, 'productDescription'));
  if (payload.productButtonEnabled === true) link(out, str(payload, 'productButton'), str(payload, 'productUrl'));
}
