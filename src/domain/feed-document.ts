import { Feed, type Item } from 'feed';
import { stripControlChars, type FeedFormat, type FeedItem } from './feed-items.js';

/** The feed as a whole: its title, what it is about and the page it stands for. */
export interface FeedMeta {
  title: string;
  description: string;
  /** The page the feed follows, absolute. */
  link: string;
  /** This feed's own address, absolute (RSS's atom:link rel="self", Atom's link rel="self"). */
  self: string;
  language: string;
  /** The newest change it shows; Atom requires one, RSS's lastBuildDate repeats it. */
  updated: Date;
}

const MEDIA_NS = 'http://search.yahoo.com/mrss/';
const DC_NS = 'http://purl.org/dc/elements/1.1/';

/** Text as HTML (Atom's type="html" title and summary, RSS's description): `]]>` cannot survive escaping. */
const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Text `feed` hands to xml-js as element text. xml-js turns every "&amp;" back into "&" before escaping (to avoid
 * escaping twice), so a headline that really says "&amp;" would lose it; escaping `&` first survives that step.
 */
const text = (value: string): string => value.replace(/&/g, '&amp;');

/** A category's label goes into an attribute that `feed` escapes only partly; see atomDocument. */
const escapeAttribute = (text: string): string => escapeHtml(text).replace(/'/g, '&apos;');

/**
 * RSS 2.0 with the two extensions feed readers look for: Dublin Core's dc:creator for each author (RSS's own
 * <author> must be an e-mail address) and Media RSS's media:content for the main photo.
 *
 * `feed` writes titles as CDATA and splits only the first "]]>", so a headline holding two would end its CDATA
 * early; an item extension named `title` replaces it with escaped text.
 */
const rssItem = (item: FeedItem): Item => ({
  title: item.title,
  link: item.link,
  guid: item.guid,
  date: item.updated,
  published: item.published,
  description: escapeHtml(item.summary),
  ...(item.contentHtml === null ? {} : { content: item.contentHtml }),
  category: item.categories.map((c) => ({ name: text(c.name), domain: c.url })),
  ...(item.photo ? { enclosure: { url: item.photo.url, type: item.photo.type, length: 0 } } : {}),
  extensions: [
    { name: 'title', objects: { _text: text(item.title) } },
    // An array writes one element per author.
    {
      name: 'dc:creator',
      objects: item.authors.map((a) => ({ _text: text(a.name) })) as unknown as Record<string, unknown>,
    },
    ...(item.photo
      ? [
          {
            name: 'media:content',
            objects: {
              _attributes: {
                url: item.photo.url,
                type: item.photo.type,
                medium: 'image',
                width: item.photo.width,
                height: item.photo.height,
              },
              ...(item.photo.caption ? { 'media:description': { _text: text(item.photo.caption) } } : {}),
              ...(item.photo.credit ? { 'media:credit': { _text: text(item.photo.credit) } } : {}),
            },
          },
        ]
      : []),
  ],
});

const atomItem = (item: FeedItem, labels: string[]): Item => ({
  title: escapeHtml(item.title),
  id: item.guid,
  link: item.link,
  date: item.updated,
  published: item.published,
  ...(item.summary ? { description: escapeHtml(item.summary) } : {}),
  ...(item.contentHtml === null ? {} : { content: item.contentHtml }),
  author: item.authors.map((a) => ({ name: text(a.name), link: a.url })),
  category: item.categories.map((c) => {
    const placeholder = `\u0000label-${labels.push(c.name) - 1}\u0000`;
    return { name: placeholder, term: placeholder };
  }),
  ...(item.photo ? { enclosure: { url: item.photo.url, type: item.photo.type } } : {}),
});

const newFeed = (meta: FeedMeta, format: FeedFormat): Feed =>
  new Feed({
    id: meta.link,
    title: text(stripControlChars(meta.title)),
    description: text(stripControlChars(meta.description)),
    link: meta.link,
    language: meta.language,
    updated: meta.updated,
    generator: 'Dateline',
    feedLinks: format === 'rss' ? { rss: meta.self } : { atom: meta.self },
  });

function rssDocument(meta: FeedMeta, items: FeedItem[]): string {
  const feed = newFeed(meta, 'rss');
  for (const item of items) feed.addItem(rssItem(item));
  const xml = feed.rss2();
  // `feed` declares dc only when some item has content, and never media: both are declared on the root here.
  const root = xml.indexOf('<rss ');
  const rootEnd = xml.indexOf('>', root);
  const namespaces = [
    ` xmlns:media="${MEDIA_NS}"`,
    ...(xml.slice(root, rootEnd).includes('xmlns:dc=') ? [] : [` xmlns:dc="${DC_NS}"`]),
  ].join('');
  return xml.slice(0, rootEnd) + namespaces + xml.slice(rootEnd);
}

/**
 * Atom 1.0. `feed` writes a category's label and term into attributes escaping `&` and `"` only, so a `<` in a
 * tag would break the document and a literal "&amp;" would be doubled; each is written as a placeholder (which
 * no text can hold: control characters are stripped from every text) and replaced by its properly escaped value.
 */
function atomDocument(meta: FeedMeta, items: FeedItem[]): string {
  const feed = newFeed(meta, 'atom');
  const labels: string[] = [];
  for (const item of items) feed.addItem(atomItem(item, labels));
  return (
    feed
      .atom1()
      // eslint-disable-next-line no-control-regex
      .replace(/\u0000label-(\d+)\u0000/g, (_m, i: string) => escapeAttribute(labels[Number(i)]!))
      // `feed` names an enclosure's type after its file extension: "image/jpg", which is no registered type.
      .replace(/(<link rel="enclosure" href="[^"]*" type=")image\/jpg"/g, '$1image/jpeg"')
  );
}

/** The feed document in either format, always well-formed XML whatever its texts hold. */
export function feedDocument(format: FeedFormat, meta: FeedMeta, items: FeedItem[]): string {
  return format === 'rss' ? rssDocument(meta, items) : atomDocument(meta, items);
}
