import { createContext, type ComponentType, type VNode } from 'preact';
import { useContext } from 'preact/hooks';
import type { ArticleSummary } from '../../domain/article.js';
import type { ReaderLabels } from '../../domain/edition-labels.js';
import type { ArticleBylineProps, ArticleHeaderProps } from '../reader/ArticleHeader.js';
import type { ReaderSettings } from './edition-chrome.js';
import { rawHtml } from './raw-html.js';

/** The masthead's inside (title or logo, tagline, the home page's date); the <header> around it is the frame's. */
export interface MastheadProps {
  settings: ReaderSettings;
  labels: ReaderLabels;
  /** The edition's home: "/" or "/ja/". */
  home: string;
  /** The home page's date line; absent elsewhere. */
  today?: Date;
}

/** The section navigation under the masthead. */
export interface NavigationProps {
  nav: { name: string; path: string; slug: string }[];
  /** The slug of the nav entry to mark as current. */
  currentSection?: string;
  /** Its accessible name ("Sections"). */
  label: string;
}

/** The site footer: the sections, the publication's pages and the corrections and feed links. */
export interface FooterProps {
  settings: ReaderSettings;
  labels: ReaderLabels;
  nav: { name: string; path: string; slug: string }[];
  pages: { title: string; path: string }[];
  /** Addresses in the edition. */
  links: { corrections: string; rssFeed: string; atomFeed: string };
}

/** One story in a list of teasers (fronts, home, tag and author pages): an <li>. */
export interface TeaserCardProps {
  article: ArticleSummary;
  settings: ReaderSettings;
  /** The headline's heading level, so the outline stays right wherever the list sits. */
  headingLevel: 2 | 3;
  showSection?: boolean;
}

/** The home page's top stories: the lead, then the others; `top` may be empty. */
export interface HomeTopStoriesProps {
  top: ArticleSummary[];
  settings: ReaderSettings;
  labels: ReaderLabels;
}

/** A section front's content, under the masthead. */
export interface SectionFrontBodyProps {
  section: { name: string; slug: string };
  /** The parent section when this is a subsection, with its address. */
  parent: { name: string; path: string } | null;
  subsections: { name: string; path: string }[];
  /** The front's lead story: the newest, on the first page only. */
  lead: ArticleSummary | null;
  /** The other stories of this page. */
  articles: ArticleSummary[];
  page: number;
  totalPages: number;
  /** The front's address ("/politics/"), for the page links. */
  path: string;
  /** HTML of the `section-after-lead` plugin slot, to put as it is after the lead; empty: none. */
  afterLead: string;
  settings: ReaderSettings;
  labels: ReaderLabels;
}

/** The content of an error page (404 and the like). */
export interface ErrorBodyProps {
  status: number;
  heading: string;
  message: string;
  /** The edition's home and its sections, to go on from here. */
  home: string;
  nav: { name: string; path: string; slug: string }[];
  labels: ReaderLabels;
}

/** Every component a theme may replace, with its props. */
export interface ThemeComponentProps {
  Masthead: MastheadProps;
  Navigation: NavigationProps;
  Footer: FooterProps;
  ArticleHeader: ArticleHeaderProps;
  ArticleByline: ArticleBylineProps;
  TeaserCard: TeaserCardProps;
  SectionFront: SectionFrontBodyProps;
  HomeTopStories: HomeTopStoriesProps;
  ErrorPage: ErrorBodyProps;
}
export type ThemeComponentName = keyof ThemeComponentProps;

/** A theme's component: an HTML string (trusted, put in as it is), a Preact node, or nothing. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a node of any props
export type ThemeComponent<P> = (props: P) => string | VNode<any> | null;
export type ThemeComponents = { [K in ThemeComponentName]: ThemeComponent<ThemeComponentProps[K]> };

/** The components the page's theme replaces; none: the default design. Provided by Layout from its chrome. */
export const ThemeContext = createContext<Partial<ThemeComponents>>({});

/**
 * The theme's component `name` if it has one, else the default design's. A theme's component is called as a
 * function, so it may return a string (put in as it is) as well as a node.
 */
export const Themed = <K extends ThemeComponentName>({
  name,
  Default,
  props,
}: {
  name: K;
  Default: ComponentType<ThemeComponentProps[K]>;
  props: ThemeComponentProps[K];
}) => {
  const own = useContext(ThemeContext)[name];
  if (!own) return <Default {...props} />;
  const out = own(props);
  return typeof out === 'string' ? rawHtml(out) : (out ?? null);
};
