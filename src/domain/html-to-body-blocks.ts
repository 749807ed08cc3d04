/**
 * The HTML converter's text blocks (html-to-body.ts): headings, lists, quotes and tables. Each gathers its words
 * on their own (collect); an image or embed found inside one follows it. Inside another block's words (a list in
 * a quote) each is read as a box of words.
 */
import type { Inline } from './body-text.js';
import { socialEmbed } from './html-to-body-media.js';
import { fitRuns, fitText, LIMITS, paragraphChunks } from './html-to-body-runs.js';
import {
  children,
  collect,
  container,
  descendants,
  flush,
  isElement,
  isHtml,
  MAX_DEPTH,
  note,
  textOf,
  type Element,
  type Node,
  type Scope,
  type State,
} from './html-to-body-tree.js';
import type { ConvertedBlock } from './html-to-body.js';

const tagged = (node: Node, ...tags: string[]): node is Element =>
  isElement(node) && isHtml(node) && tags.includes(node.tagName);

const isList = (node: Node): node is Element => tagged(node, 'ul', 'ol', 'menu');

/** h1 and h2 are the body's level 2 (the page's own h1 is the headline); h3 to h6 are its level 3. */
export const heading = (el: Element, scope: Scope, st: State): void => {
  if (!scope.flow) return container(el, scope, st);
  flush(scope, st);
  const { runs, deferred } = collect(st, scope.depth, (inner) => children(el, inner, st));
  const level = el.tagName === 'h1' || el.tagName === 'h2' ? 2 : 3;
  if (runs.length > 0)
    scope.emit({ type: 'heading', level, content: fitRuns(runs, () => note(st, 'A very long heading was cut short')) });
  deferred.forEach(scope.emit);
};

/** A list, its nested lists' items following their parent item in the same list (the body has no nesting). */
export const list = (el: Element, scope: Scope, st: State): void => {
  if (!scope.flow) return container(el, scope, st);
  flush(scope, st);
  const items: Inline[][] = [];
  const deferred: ConvertedBlock[] = [];
  const addItem = (nodes: readonly Node[], depth: number) => {
    const found = collect(st, depth, (inner) => children(nodes, inner, st));
    if (found.runs.length > 0) items.push(fitRuns(found.runs, () => note(st, 'A very long list item was cut short')));
    deferred.push(...found.deferred);
  };
  const gather = (listEl: Element, depth: number): void => {
    if (depth > MAX_DEPTH) {
      note(st, 'Markup nested too deeply was read as plain text');
      const words = textOf([listEl]);
      if (words !== '') items.push([{ text: fitText(words, LIMITS.text, () => undefined) }]);
      return;
    }
    let loose: Node[] = [];
    const looseItem = () => {
      if (loose.length > 0) addItem(loose, depth);
      loose = [];
    };
    for (const child of listEl.childNodes) {
      if (tagged(child, 'li')) {
        looseItem();
        addItem(
          child.childNodes.filter((n) => !isList(n)),
          depth,
        );
        for (const sub of child.childNodes.filter(isList)) nested(sub, depth);
      } else if (isList(child)) {
        looseItem();
        nested(child, depth);
      } else loose.push(child);
    }
    looseItem();
  };
  const nested = (sub: Element, depth: number) => {
    note(st, 'A nested list was flattened into its parent list');
    gather(sub, depth + 1);
  };
  gather(el, scope.depth);
  const ordered = el.tagName === 'ol';
  for (let i = 0; i < items.length; i += LIMITS.listItems)
    scope.emit({ type: 'list', ordered, items: items.slice(i, i + LIMITS.listItems) });
  deferred.forEach(scope.emit);
};

/**
 * A quote; its source is a <footer> in it, or a <cite> of its own (the block editor's), read as plain words
 * without the dash before them. A quote that is a social post's embed code becomes an embed of that post.
 */
export const quote = (el: Element, scope: Scope, st: State): void => {
  if (!scope.flow) return container(el, scope, st);
  if (socialEmbed(el, scope, st)) return;
  flush(scope, st);
  const source =
    descendants(
      el,
      (e) => e.tagName === 'footer',
      (e) => e.tagName !== 'blockquote',
    )[0] ?? el.childNodes.find((n) => tagged(n, 'cite'));
  let cite = '';
  if (source) {
    st.skip.add(source);
    cite = fitText(textOf([source]).replace(/^[\s\u2014\u2013\u2015~-]+/, ''), LIMITS.cite, () =>
      note(st, "A quote's source was cut short"),
    );
  }
  const { runs, deferred } = collect(st, scope.depth, (inner) => children(el, inner, st));
  if (runs.length > 0) {
    const content = fitRuns(runs, () => note(st, 'A very long quote was cut short'));
    scope.emit(cite === '' ? { type: 'quote', content } : { type: 'quote', content, cite });
  } else if (cite !== '') scope.emit({ type: 'paragraph', content: [{ text: cite }] });
  deferred.forEach(scope.emit);
};

/** A table's caption, then each row as a paragraph, its cells apart by " | " (the body has no tables). */
export const table = (el: Element, scope: Scope, st: State): void => {
  if (!scope.flow) return container(el, scope, st);
  flush(scope, st);
  note(st, 'A table became paragraphs, one for each row');
  const rows = (nodes: readonly Node[]) => {
    for (const node of nodes) {
      if (tagged(node, 'caption')) container(node, scope, st);
      else if (tagged(node, 'thead', 'tbody', 'tfoot')) rows(node.childNodes);
      else if (tagged(node, 'tr')) row(node, scope, st);
    }
  };
  rows(el.childNodes);
};

const row = (tr: Element, scope: Scope, st: State): void => {
  const { runs, deferred } = collect(st, scope.depth, (inner) => {
    let first = true;
    for (const cell of tr.childNodes.filter((n) => tagged(n, 'td', 'th'))) {
      if (!first) inner.runs.text(' | ', []);
      first = false;
      children(cell as Element, inner, st);
    }
  });
  for (const content of paragraphChunks(runs)) scope.emit({ type: 'paragraph', content });
  deferred.forEach(scope.emit);
};
