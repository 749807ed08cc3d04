import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isPluginBlock, paragraph, pluginBlockOf, type Body, type BodyBlock } from '../domain/body.js';
import type { DatelinePlugin, SlotContext } from './contract.js';
import { createPluginRegistry, type PluginLog } from './registry.js';
import { BodyBlocks, type BodyPlugins } from '../views/reader/BodyBlocks.js';

const logged: { plugin: string; block?: string | undefined; msg: string }[] = [];
const log: PluginLog = { error: (obj, msg) => void logged.push({ plugin: obj.plugin, block: obj.block, msg }) };

const widgets: DatelinePlugin = {
  name: 'widgets',
  version: '1.0.0',
  blocks: [
    {
      type: 'fact-box',
      schema: z.object({ title: z.string() }),
      render: (data: { title: string }) => `<aside class="fact-box">${data.title.replace(/</g, '&lt;')}</aside>`,
    },
    {
      type: 'score',
      schema: z.object({ home: z.number(), away: z.number() }),
      render: (data: { home: number; away: number }, ctx) => (
        <p class="score" data-article={ctx.article?.slug}>
          {data.home}–{data.away}
        </p>
      ),
    },
    {
      type: 'broken',
      schema: z.object({}),
      render: () => {
        throw new Error('the widget service is down');
      },
    },
  ],
};

const ads: DatelinePlugin = {
  name: 'ads',
  version: '1.0.0',
  slots: {
    'article-inline': (ctx) =>
      ctx.paragraph === 3 || ctx.paragraph === 8 ? `<div class="ad" data-after="${ctx.paragraph}"></div>` : null,
  },
};

const context = (): Omit<SlotContext, 'slot' | 'settings'> => ({
  page: 'article',
  edition: { code: 'en', language: 'en', name: 'Dateline News', pathPrefix: '/' },
  site: { publicationName: 'Dateline News', baseUrl: 'https://news.example' },
  article: {
    id: '7',
    slug: 'harbour-vote',
    title: 'Harbour vote',
    custom_excerpt: null,
    url: 'https://news.example/politics/harbour-vote/',
    published_at: null,
    updated_at: null,
    feature_image: null,
    tags: [],
    primary_tag: null,
    authors: [],
    primary_author: null,
    section: { name: 'Politics', slug: 'politics' },
    custom_fields: {},
  },
  section: { name: 'Politics', slug: 'politics' },
});

const withPlugins = (...plugins: DatelinePlugin[]): BodyPlugins => ({
  registry: createPluginRegistry(plugins, log),
  context,
});
const block = (type: string, data: Record<string, unknown>): BodyBlock => pluginBlockOf(type, data)!;
const html = (blocks: Body, plugins?: BodyPlugins) =>
  renderToString(<BodyBlocks blocks={blocks} media={new Map()} plugins={plugins} />);

describe("a plugin's block on the site", () => {
  it('is drawn by its plugin from an HTML string, in its place, with no element around it', () => {
    expect(
      html([paragraph('One.'), block('fact-box', { title: 'Turnout: 61%' }), paragraph('Two.')], withPlugins(widgets)),
    ).toBe('<div class="article-body"><p>One.</p><aside class="fact-box">Turnout: 61%</aside><p>Two.</p></div>');
  });

  it("is drawn from a Preact node, which is given the page's article", () => {
    expect(html([block('score', { home: 2, away: 1 })], withPlugins(widgets))).toBe(
      '<div class="article-body"><p class="score" data-article="harbour-vote">2–1</p></div>',
    );
  });

  it('is left out, and logged with its plugin, when render throws; the rest of the body stays', () => {
    logged.length = 0;
    expect(html([block('broken', {}), paragraph('Still here.')], withPlugins(widgets))).toBe(
      '<div class="article-body"><p>Still here.</p></div>',
    );
    expect(logged).toEqual([
      { plugin: 'widgets', block: 'broken', msg: 'plugin "widgets" failed to draw a "broken" block; left out' },
    ]);
  });

  it('is left out, and logged, when its stored data no longer fits the schema', () => {
    logged.length = 0;
    expect(html([block('score', { home: 'two' })], withPlugins(widgets))).toBe('<div class="article-body"></div>');
    expect(logged.map((l) => l.block)).toEqual(['score']);
  });

  it('renders nothing when its plugin is not loaded, or when the page gives no plugins at all', () => {
    const body = [block('fact-box', { title: 'Turnout' }), paragraph('One.')];
    expect(html(body, withPlugins(ads))).toBe('<div class="article-body"><p>One.</p></div>');
    expect(html(body)).toBe('<div class="article-body"><p>One.</p></div>');
  });
});

describe('the article-inline slot', () => {
  /** Ten paragraphs, with a heading, an image block of a deleted image, a list and a plugin block among them. */
  const body: Body = [
    paragraph('p1'),
    { type: 'heading', level: 2, content: [{ text: 'h' }] },
    paragraph('p2'),
    paragraph('p3'),
    { type: 'list', ordered: false, items: [[{ text: 'i' }]] },
    paragraph('p4'),
    paragraph('p5'),
    { type: 'quote', content: [{ text: 'q' }] },
    paragraph('p6'),
    paragraph('p7'),
    block('fact-box', { title: 'f' }),
    paragraph('p8'),
    paragraph('p9'),
    paragraph('p10'),
  ];

  it('places what a plugin gives after the 3rd and 8th paragraphs, counting paragraphs only', () => {
    const out = html(body, withPlugins(ads, widgets));
    expect(out).toContain('<p>p3</p><div class="ad" data-after="3"></div><ul>');
    expect(out).toContain('<p>p8</p><div class="ad" data-after="8"></div><p>p9</p>');
    expect(out.match(/class="ad"/g)).toHaveLength(2);
  });

  it('tells the slot the paragraph count and the page', () => {
    const seen: (number | undefined)[] = [];
    const counter: DatelinePlugin = {
      name: 'counter',
      version: '1',
      slots: {
        'article-inline': (ctx) => {
          seen.push(ctx.paragraph);
          expect(ctx.article?.slug).toBe('harbour-vote');
          return null;
        },
      },
    };
    html(body, withPlugins(counter));
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('adds nothing, not even an element, when no plugin fills it', () => {
    const core = body.filter((b) => !isPluginBlock(b));
    expect(html(core, withPlugins(widgets))).toBe(html(core));
    expect(html(core)).not.toContain('<div class="ad"');
  });
});
