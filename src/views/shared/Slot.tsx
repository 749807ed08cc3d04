import type { PageKind, PluginArticle, SlotContext, SlotName } from '../../plugins/contract.js';
import type { PageChrome } from './Layout.js';
import { rawHtml } from './raw-html.js';

/** What a page tells its plugins' slots (contract.ts SlotContext) besides its edition and site, which its chrome has. */
export interface SlotPage {
  kind: PageKind;
  /** A section front's section, an article's section; absent elsewhere. */
  section?: { name: string; slug: string } | null;
  /** An article page's article in the Content API's shape; a function, so a page whose slots are empty never makes it. */
  article?: () => PluginArticle;
}

type Context = Omit<SlotContext, 'slot' | 'settings'>;

/** The context every slot of one page is given; made once per page, when its first filled slot renders. */
const contexts = new WeakMap<SlotPage, Context>();

export const contextOf = (chrome: PageChrome, page: SlotPage): Context => {
  const known = contexts.get(page);
  if (known) return known;
  const { settings, edition } = chrome;
  const prefix = edition?.prefix ?? '/';
  const made: Context = {
    page: page.kind,
    edition: {
      // The first edition, at "/", goes by its language ("en"); the others by their prefix ("ja" for "/ja/").
      code: prefix === '/' ? settings.language : prefix.slice(1, -1),
      language: settings.language,
      name: settings.publicationName,
      pathPrefix: prefix,
    },
    site: { publicationName: settings.publicationName, baseUrl: settings.baseUrl },
    article: page.article ? page.article() : null,
    section: page.section ?? null,
  };
  contexts.set(page, made);
  return made;
};

/**
 * A plugin slot: what every plugin filling it returns, as it is, with no element around it. A slot no plugin fills
 * renders nothing and asks for nothing, so a site without plugins keeps its pages' bytes. Its output is part of the
 * page, cached with it.
 */
export const Slot = ({ name, chrome, page }: { name: SlotName; chrome: PageChrome; page: SlotPage }) => {
  const html = slotHtml(name, chrome, page);
  return html === '' ? null : rawHtml(html);
};

/** A slot's HTML as a string (empty when no plugin fills it), for a themeable component that places it itself. */
export const slotHtml = (name: SlotName, chrome: PageChrome, page: SlotPage): string => {
  const plugins = chrome.plugins;
  return plugins?.has(name) ? plugins.render(name, contextOf(chrome, page)) : '';
};
