/**
 * The HTML converter's walk over the parsed tree (html-to-body.ts): each node read once, top to bottom. Text and
 * inline marks go into the runs being gathered; block elements end them and make their own blocks
 * (html-to-body-blocks.ts, html-to-body-media.ts); whatever is not understood gives its words as text.
 */
import type { Mark } from './body-text.js';
import { heading, list, quote, table } from './html-to-body-blocks.js';
import { linkMark } from './html-to-body-embeds.js';
import { figure, image, media } from './html-to-body-media.js';
import { withMark } from './html-to-body-runs.js';
import {
  children,
  container,
  DROPPED,
  flush,
  isElement,
  isHtml,
  isInline,
  MAX_DEPTH,
  note,
  textOf,
  attr,
  type Element,
  type Node,
  type Scope,
  type State,
} from './html-to-body-tree.js';

export const walkNode = (node: Node, scope: Scope, st: State): void => {
  if (node.nodeName === '#text' && 'value' in node) return text(node.value, scope, st);
  if (node.nodeName === '#comment' && 'data' in node) return comment(node.data, scope, st);
  if (!isElement(node) || st.skip.has(node)) return;
  if (!isHtml(node)) {
    note(st, `An <${node.tagName}> drawing was removed`);
    return;
  }
  if (DROPPED.has(node.tagName)) {
    note(st, `<${node.tagName}> was removed with what it held`);
    return;
  }
  if (scope.depth > MAX_DEPTH) {
    note(st, 'Markup nested too deeply was read as plain text');
    if (!isInline(node)) flush(scope, st);
    scope.runs.text(` ${textOf([node])} `, scope.marks);
    return;
  }
  element(node, scope, st);
};

const element = (el: Element, scope: Scope, st: State): void => {
  switch (el.tagName) {
    case 'br':
      // One <br> is a line break inside a paragraph (a space here); two in a row end the paragraph.
      if (scope.flow && scope.runs.lineBreak() >= 2) flush(scope, st);
      else if (!scope.flow) scope.runs.space();
      return;
    case 'wbr':
      return;
    case 'hr':
      flush(scope, st);
      note(st, 'A horizontal rule (<hr>) was dropped');
      return;
    case 'a':
      return link(el, scope, st);
    case 'em':
    case 'i':
      return marked(el, { type: 'em' }, scope, st);
    case 'strong':
    case 'b':
      return marked(el, { type: 'strong' }, scope, st);
    case 'img':
      return image(el, scope, st);
    case 'iframe':
    case 'video':
    case 'audio':
      return media(el, scope, st);
    case 'figure':
      return figure(el, scope, st);
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return heading(el, scope, st);
    case 'ul':
    case 'ol':
    case 'menu':
      return list(el, scope, st);
    case 'blockquote':
      return quote(el, scope, st);
    case 'table':
      return table(el, scope, st);
    case 'pre':
      note(st, 'Preformatted text (<pre>) became paragraphs, one for each line');
      return container(el, { ...scope, pre: true }, st);
  }
  if (isInline(el)) return children(el, scope, st);
  container(el, scope, st);
};

const text = (value: string, scope: Scope, st: State): void => {
  if (!scope.flow) return scope.runs.text(value, scope.marks);
  // A classic WordPress post keeps its paragraphs as blank lines (WordPress adds the <p> when it shows the post).
  const pieces = value.split(scope.pre ? '\n' : /\n[ \t\f\r]*\n/);
  pieces.forEach((piece, i) => {
    if (i > 0) flush(scope, st);
    scope.runs.text(piece, scope.marks);
  });
};

const comment = (data: string, scope: Scope, st: State): void => {
  const words = data.trim().toLowerCase();
  // Block-editor comments (<!-- wp:paragraph -->) and every other comment say nothing to readers.
  if (words.startsWith('nextpage')) note(st, 'A page break (<!--nextpage-->) was dropped: the article is one page');
  if (!words.startsWith('more') || /^more\S/.test(words)) return;
  if (st.moreAt !== undefined || st.moreAfterBlock) return note(st, 'Only the first <!--more--> was kept');
  flush(scope, st);
  if (scope.flow) st.moreAt = st.blocks.length;
  else st.moreAfterBlock = true;
};

const link = (el: Element, scope: Scope, st: State): void => {
  const href = attr(el, 'href');
  if (href === undefined) return children(el, scope, st);
  const result = linkMark(href, st.baseUrl, attr(el, 'target') === '_blank');
  if ('dropped' in result) {
    note(st, result.dropped);
    return children(el, scope, st);
  }
  children(el, { ...scope, marks: withMark(scope.marks, result.mark) }, st);
};

const marked = (el: Element, mark: Mark, scope: Scope, st: State): void =>
  children(el, { ...scope, marks: withMark(scope.marks, mark) }, st);
