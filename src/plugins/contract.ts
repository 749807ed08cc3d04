import type { FastifyInstance } from 'fastify';
import type { VNode } from 'preact';
import type { ZodType } from 'zod';

/**
 * The extension contract (issue 14), version 1: what a plugin module's default export may hold. Published to
 * plugin authors as `dateline/plugin` (src/plugins/public.ts) and documented in docs/extending.md. A plugin is
 * trusted code the operator installs: it runs in-process, and what its slots return is put in the page as is.
 */
export const PLUGIN_API_VERSION = 1;

/** The named places of the reader's pages where plugins render, in page order. */
export const SLOT_NAMES = [
  'head',
  'body-start',
  'header-after',
  'article-start',
  'article-inline',
  'article-end',
  'rail-top',
  'rail-bottom',
  'home-after-top-stories',
  'section-after-lead',
  'footer',
] as const;
export type SlotName = (typeof SLOT_NAMES)[number];

/** Which reader page a slot is rendered on. */
export type PageKind =
  'home' | 'section' | 'article' | 'page' | 'ranking' | 'corrections' | 'tag' | 'author' | 'search' | 'error';

/** An article as plugins see it: a subset of the Ghost Content API's post, plus its section and custom fields. */
export interface PluginArticle {
  id: string;
  slug: string;
  title: string;
  custom_excerpt: string | null;
  /** The page's absolute URL. */
  url: string;
  published_at: string | null;
  updated_at: string | null;
  feature_image: string | null;
  tags: { name: string; slug: string }[];
  primary_tag: { name: string; slug: string } | null;
  authors: { name: string; slug: string }[];
  primary_author: { name: string; slug: string } | null;
  section: { name: string; slug: string };
  /** Values of the plugins' custom fields, by field name (absent: never set). */
  custom_fields: Record<string, string | boolean>;
}

export interface SlotContext {
  slot: SlotName;
  page: PageKind;
  /** The edition the page belongs to. */
  edition: { code: string; language: string; name: string; pathPrefix: string };
  site: { publicationName: string; baseUrl: string };
  /** On article pages (and their slots), the article; null elsewhere. */
  article: PluginArticle | null;
  /** The section the page belongs to (a front's, an article's), null elsewhere. */
  section: { name: string; slug: string } | null;
  /** This plugin's own settings, as saved under Newsroom → Settings → Plugins (its defaults until then). */
  settings: Record<string, unknown>;
  /** For `article-inline`: how many paragraphs of the body are above this place (1 after the first). */
  paragraph?: number;
}

/** What a slot gives back: HTML (trusted, inserted as is), a Preact node, or nothing. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a node of any props
export type SlotOutput = string | VNode<any> | null | undefined;
export type SlotRenderer = (ctx: SlotContext) => SlotOutput;

export type FieldType = 'text' | 'url' | 'boolean' | 'select' | 'date';
export interface FieldDefinition {
  /** Stored under this name: lower-case letters, digits and `_`, unique across plugins. */
  name: string;
  label: string;
  type: FieldType;
  /** The choices of a `select`. */
  options?: string[];
  required?: boolean;
  /** A line shown under the field in the editor. */
  hint?: string;
}

/** A body block type a plugin adds: validated by `schema` on save, drawn by `render` on the site. */
export interface BlockDefinition<T = unknown> {
  /** Lower-case letters, digits and `-`; not one of the core block types. */
  type: string;
  /** What the block holds (besides `type`). */
  schema: ZodType<T>;
  render: (data: T, ctx: { article: PluginArticle | null }) => SlotOutput;
  /** The editor's form for the block; without one, a form is built from the schema's fields. */
  editor?: { label: string };
}

/** Sources a plugin needs in reader pages' Content-Security-Policy, merged into its directives. */
export interface CspSources {
  scriptSrc?: string[];
  connectSrc?: string[];
  frameSrc?: string[];
  imgSrc?: string[];
  styleSrc?: string[];
}

export const HOOK_NAMES = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'page.published',
  'page.updated',
  'page.unpublished',
] as const;
export type HookName = (typeof HOOK_NAMES)[number];

export interface HookEvent {
  name: HookName;
  /** When the change committed. */
  at: string;
  /** Which kind of process made the change. */
  source: 'server' | 'cli';
  /** For article events. */
  article?: PluginArticle;
  /** For page events: the publication page's id, slug and title. */
  page?: { id: string; slug: string; title: string; url: string };
}
export type HookHandler = (event: HookEvent) => void | Promise<void>;

export interface PluginSettings {
  /** A zod object of the settings; the newsroom's form is built from its fields. */
  schema: ZodType<Record<string, unknown>>;
  /** Values before an admin saves any. */
  defaults?: Record<string, unknown>;
}

export interface DatelinePlugin {
  /** Lower-case letters, digits and `-`: the plugin's address (`/plugins/{name}/`) and its settings' key. */
  name: string;
  version: string;
  slots?: Partial<Record<SlotName, SlotRenderer>>;
  fields?: FieldDefinition[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each block's data type is its own
  blocks?: BlockDefinition<any>[];
  csp?: CspSources;
  hooks?: Partial<Record<HookName, HookHandler>>;
  /** Mounted under `/plugins/{name}/` only. */
  routes?: (app: FastifyInstance) => void | Promise<void>;
  settings?: PluginSettings;
}

/** Identity, for types: `export default definePlugin({ … })`. */
export const definePlugin = <T extends DatelinePlugin>(plugin: T): T => plugin;
