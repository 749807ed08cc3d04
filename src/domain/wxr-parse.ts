/**
 * A WordPress export (WXR 1.0-1.2) read as a stream (record 0024): the caller writes the file in chunks and gets
 * each author, term and item as it closes, so only one item is ever held, whatever the size of the file. saxes
 * checks the XML strictly; a cut or malformed file, or one that is no WordPress export (HTML, an RSS feed), ends in
 * a WxrError naming its line and column. Namespaces are matched by address with the scheme left off, so exports
 * that spell them with https:// read like the usual http:// ones, whatever their prefixes.
 */
import { SaxesParser } from 'saxes';
import { nameOf } from './wxr-names.js';

export interface WxrChannel {
  title: string;
  link: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
  wxrVersion: string;
}

export interface WxrAuthor {
  id: string;
  login: string;
  email: string;
  displayName: string;
}

export interface WxrTerm {
  /** category, post_tag, or another taxonomy's name (wp:term). */
  taxonomy: string;
  id: string;
  slug: string;
  name: string;
  /** The parent's slug; '' at the top. */
  parent: string;
}

export interface WxrItemCategory {
  domain: string;
  nicename: string;
  name: string;
}

export interface WxrItem {
  /** Where the item starts in the file (1-based), for the report. */
  line: number;
  title: string;
  link: string;
  creator: string;
  content: string;
  excerpt: string;
  postId: string;
  postDate: string;
  postDateGmt: string;
  postName: string;
  status: string;
  postType: string;
  postParent: string;
  password: string;
  sticky: boolean;
  attachmentUrl: string;
  categories: WxrItemCategory[];
  meta: { key: string; value: string }[];
  comments: number;
}

export type WxrEvent =
  | { kind: 'channel'; channel: WxrChannel }
  | { kind: 'author'; author: WxrAuthor }
  | { kind: 'term'; term: WxrTerm }
  | { kind: 'item'; item: WxrItem };

/** The file is not a readable WordPress export: where, and why. */
export class WxrError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

const emptyItem = (line: number): WxrItem => ({
  line,
  title: '',
  link: '',
  creator: '',
  content: '',
  excerpt: '',
  postId: '',
  postDate: '',
  postDateGmt: '',
  postName: '',
  status: '',
  postType: '',
  postParent: '',
  password: '',
  sticky: false,
  attachmentUrl: '',
  categories: [],
  meta: [],
  comments: 0,
});

const ITEM_FIELDS: Record<string, keyof WxrItem> = {
  title: 'title',
  link: 'link',
  'dc:creator': 'creator',
  'content:encoded': 'content',
  'excerpt:encoded': 'excerpt',
  'wp:post_id': 'postId',
  'wp:post_date': 'postDate',
  'wp:post_date_gmt': 'postDateGmt',
  'wp:post_name': 'postName',
  'wp:status': 'status',
  'wp:post_type': 'postType',
  'wp:post_parent': 'postParent',
  'wp:post_password': 'password',
  'wp:attachment_url': 'attachmentUrl',
};

const AUTHOR_FIELDS: Record<string, keyof WxrAuthor> = {
  'wp:author_id': 'id',
  'wp:author_login': 'login',
  'wp:author_email': 'email',
  'wp:author_display_name': 'displayName',
};

/** wp:category, wp:tag and wp:term each spell the same four things their own way. */
const TERM_FIELDS: Record<string, keyof WxrTerm> = {
  'wp:term_id': 'id',
  'wp:category_nicename': 'slug',
  'wp:tag_slug': 'slug',
  'wp:term_slug': 'slug',
  'wp:cat_name': 'name',
  'wp:tag_name': 'name',
  'wp:term_name': 'name',
  'wp:category_parent': 'parent',
  'wp:term_parent': 'parent',
  'wp:term_taxonomy': 'taxonomy',
};

export interface WxrReader {
  /** Reads the next chunk; answers the events it completed. Throws WxrError. */
  write(chunk: string): WxrEvent[];
  /** The end of the file: a cut file or one with no WordPress export in it throws WxrError. */
  close(): WxrEvent[];
}

export function createWxrReader(): WxrReader {
  const parser = new SaxesParser({ xmlns: true });
  const stack: string[] = [];
  let events: WxrEvent[] = [];
  let text = '';
  let failure: WxrError | null = null;
  let sawRss = false;
  const channel: WxrChannel = { title: '', link: '', baseSiteUrl: '', baseBlogUrl: '', wxrVersion: '' };
  let channelSent = false;
  let item: WxrItem | null = null;
  let author: WxrAuthor | null = null;
  let term: WxrTerm | null = null;
  let meta: { key: string; value: string } | null = null;
  let category: WxrItemCategory | null = null;

  const fail = (message: string): never => {
    throw new WxrError(parser.line, parser.column + 1, message);
  };
  const sendChannel = () => {
    if (channelSent) return;
    channelSent = true;
    if (channel.wxrVersion === '')
      fail('this is an RSS feed, not a WordPress export (it has no wp:wxr_version); export it from Tools → Export');
    events.push({ kind: 'channel', channel: { ...channel } });
  };

  // saxes goes on after an error; the first one is what the person needs to see.
  parser.on(
    'error',
    (e) => (failure ??= new WxrError(parser.line, parser.column + 1, e.message.replace(/^[^:]*:\d+:\d+: /, ''))),
  );
  parser.on('opentag', (tag) => {
    const name = nameOf(tag);
    const depth = stack.length;
    if (depth === 0 && name !== 'rss') fail(`this is not a WordPress export: the document is <${tag.name}>, not <rss>`);
    sawRss = true;
    const parent = stack[depth - 1];
    stack.push(name);
    text = '';
    if (parent === 'channel') {
      if (name === 'item') {
        sendChannel();
        item = emptyItem(parser.line);
      } else if (name === 'wp:author') author = { id: '', login: '', email: '', displayName: '' };
      else if (name === 'wp:category' || name === 'wp:tag' || name === 'wp:term') {
        const taxonomy = name === 'wp:category' ? 'category' : name === 'wp:tag' ? 'post_tag' : '';
        term = { taxonomy, id: '', slug: '', name: '', parent: '' };
      }
    } else if (item && parent === 'item') {
      if (name === 'category') {
        const attr = (key: string) => String(tag.attributes[key]?.value ?? '');
        category = { domain: attr('domain'), nicename: attr('nicename'), name: '' };
      } else if (name === 'wp:postmeta') meta = { key: '', value: '' };
      else if (name === 'wp:comment') item.comments++;
    }
  });
  const onText = (t: string) => void (text += t);
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const name = stack.pop()!;
    const parent = stack[stack.length - 1];
    const value = text;
    text = '';
    if (parent === 'channel') closeInChannel(name, value);
    else if (parent === 'item' && item) closeInItem(item, name, value);
    else if (parent === 'wp:author' && author) {
      const field = AUTHOR_FIELDS[name];
      if (field) author[field] = value.trim();
    } else if (term && (parent === 'wp:category' || parent === 'wp:tag' || parent === 'wp:term')) {
      const field = TERM_FIELDS[name];
      if (field) term[field] = value.trim();
    } else if (parent === 'wp:postmeta' && meta) {
      if (name === 'wp:meta_key') meta.key = value.trim();
      else if (name === 'wp:meta_value') meta.value = value;
    }
  });

  function closeInChannel(name: string, value: string) {
    if (name === 'item' && item) {
      events.push({ kind: 'item', item });
      item = null;
    } else if (name === 'wp:author' && author) {
      events.push({ kind: 'author', author });
      author = null;
    } else if (term && (name === 'wp:category' || name === 'wp:tag' || name === 'wp:term')) {
      events.push({ kind: 'term', term });
      term = null;
    } else if (!channelSent) {
      if (name === 'title') channel.title = value.trim();
      else if (name === 'link') channel.link = value.trim();
      else if (name === 'wp:base_site_url') channel.baseSiteUrl = value.trim();
      else if (name === 'wp:base_blog_url') channel.baseBlogUrl = value.trim();
      else if (name === 'wp:wxr_version') channel.wxrVersion = value.trim();
    }
  }

  function closeInItem(it: WxrItem, name: string, value: string) {
    if (name === 'category' && category) {
      it.categories.push({ ...category, name: value.trim() });
      category = null;
    } else if (name === 'wp:postmeta' && meta) {
      if (meta.key !== '') it.meta.push(meta);
      meta = null;
    } else if (name === 'wp:is_sticky') it.sticky = value.trim() === '1';
    else {
      const field = ITEM_FIELDS[name];
      // Bodies keep their spacing (a blank line is a paragraph in the classic editor); every other field is trimmed.
      if (field) (it as unknown as Record<string, string>)[field] = field === 'content' ? value : value.trim();
    }
  }

  const run = (step: () => void): WxrEvent[] => {
    try {
      step();
    } catch (error) {
      if (error instanceof WxrError) throw error;
      throw failure ?? new WxrError(parser.line, parser.column + 1, (error as Error).message);
    }
    if (failure) throw failure;
    const out = events;
    events = [];
    return out;
  };

  return {
    write: (chunk) => run(() => parser.write(chunk)),
    close: () =>
      run(() => {
        parser.close();
        if (failure) return;
        if (!sawRss) fail('the file is empty: there is no WordPress export in it');
        // A channel with no items at all is still an export (an empty blog); its version is checked here.
        sendChannel();
      }),
  };
}
