import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { BodySchema, bodyText, isSafeHref } from '../domain/body.js';
import type { BodyBlock } from '../domain/body.js';
import { DEMO_ARTICLES, DEMO_AUTHORS, DEMO_PUBLICATION, DEMO_SECTIONS } from './demo-content.js';
import type { DemoArticle, IllustrationScene } from './demo-content.js';
import { illustrationSvg } from './demo-illustration.js';

const SCENES: IllustrationScene[] = [
  'skyline',
  'harbour',
  'mountains',
  'chart',
  'stadium',
  'rice-field',
  'train',
  'parliament',
  'laboratory',
  'festival',
];

const paragraphCount = (a: DemoArticle): number => a.body.filter((b) => b.type === 'paragraph').length;

const isWireStory = (a: DemoArticle): boolean =>
  a.section === 'politics' &&
  a.subsection === 'defense-security' &&
  a.photo !== undefined &&
  paragraphCount(a) === 8 &&
  a.hoursAgo < 6;

const blockLinks = (b: BodyBlock): string[] => {
  const inlines =
    b.type === 'paragraph' || b.type === 'heading' || b.type === 'quote'
      ? b.content
      : b.type === 'list'
        ? b.items.flat()
        : [];
  return inlines.flatMap((i) => (i.marks ?? []).flatMap((m) => (m.type === 'link' ? [m.href] : [])));
};

describe('demo content', () => {
  it('names the publication', () => {
    expect(DEMO_PUBLICATION.name).toBe('Dateline News');
    expect(DEMO_PUBLICATION.shortName).toBe('DN');
  });

  it('has the required sections and subsections with unique slugs', () => {
    const slugs = DEMO_SECTIONS.flatMap((s) => [s.slug, ...(s.subsections ?? []).map((x) => x.slug)]);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of ['politics', 'business', 'society', 'science-nature', 'sports', 'culture', 'world']) {
      expect(DEMO_SECTIONS.map((s) => s.slug)).toContain(slug);
    }
    const politics = DEMO_SECTIONS.find((s) => s.slug === 'politics');
    expect(politics?.name).toBe('Politics');
    expect(politics?.subsections).toEqual(
      expect.arrayContaining([
        { slug: 'defense-security', name: 'Defense & Security' },
        { slug: 'diplomacy', name: 'Diplomacy' },
      ]),
    );
  });

  it('has at least four authors with unique slugs and a bio', () => {
    expect(DEMO_AUTHORS.length).toBeGreaterThanOrEqual(4);
    expect(new Set(DEMO_AUTHORS.map((a) => a.slug)).size).toBe(DEMO_AUTHORS.length);
    for (const a of DEMO_AUTHORS) {
      expect(a.name.length).toBeGreaterThan(0);
      expect(a.bio.length).toBeGreaterThan(20);
    }
  });

  it('has at least 30 articles with unique kebab-case keys', () => {
    expect(DEMO_ARTICLES.length).toBeGreaterThanOrEqual(30);
    const keys = DEMO_ARTICLES.map((a) => a.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('references only existing sections, subsections and authors', () => {
    const authors = new Set(DEMO_AUTHORS.map((a) => a.slug));
    for (const a of DEMO_ARTICLES) {
      const section = DEMO_SECTIONS.find((s) => s.slug === a.section);
      expect(section, `${a.key}: section ${a.section}`).toBeDefined();
      if (a.subsection !== undefined) {
        expect(
          (section?.subsections ?? []).map((s) => s.slug),
          `${a.key}: subsection`,
        ).toContain(a.subsection);
      }
      expect(a.authors.length).toBeLessThanOrEqual(3);
      expect(new Set(a.authors).size).toBe(a.authors.length);
      for (const slug of a.authors) expect(authors.has(slug), `${a.key}: author ${slug}`).toBe(true);
    }
  });

  it('has at least four articles in every top-level section, and 1-2 pinned per section', () => {
    for (const s of DEMO_SECTIONS) {
      const inSection = DEMO_ARTICLES.filter((a) => a.section === s.slug);
      expect(inSection.length, s.slug).toBeGreaterThanOrEqual(4);
      const pinned = inSection.filter((a) => a.pinned === true).length;
      expect(pinned, `${s.slug} pinned`).toBeGreaterThanOrEqual(1);
      expect(pinned, `${s.slug} pinned`).toBeLessThanOrEqual(2);
    }
  });

  it('has top stories 1 to 4, each used once', () => {
    const positions = DEMO_ARTICLES.flatMap((a) => (a.topStory === undefined ? [] : [a.topStory])).sort();
    expect(positions).toEqual([1, 2, 3, 4]);
  });

  it('spreads publication times over about eight days, with updates after publication', () => {
    const hours = DEMO_ARTICLES.map((a) => a.hoursAgo);
    expect(Math.min(...hours)).toBeLessThanOrEqual(1);
    expect(Math.max(...hours)).toBeGreaterThanOrEqual(160);
    expect(Math.max(...hours)).toBeLessThanOrEqual(200);
    for (const a of DEMO_ARTICLES) {
      expect(a.hoursAgo).toBeGreaterThan(0);
      if (a.updatedHoursAgo !== undefined) {
        expect(a.updatedHoursAgo, a.key).toBeGreaterThan(0);
        expect(a.updatedHoursAgo, a.key).toBeLessThan(a.hoursAgo);
      }
    }
    expect(DEMO_ARTICLES.filter((a) => a.updatedHoursAgo !== undefined).length).toBeGreaterThanOrEqual(2);
    expect(DEMO_ARTICLES.filter((a) => a.authors.length > 1).length).toBeGreaterThanOrEqual(3);
  });

  it('gives about two thirds of the articles a photo with caption, credit and alt text', () => {
    const withPhoto = DEMO_ARTICLES.filter((a) => a.photo !== undefined);
    const share = withPhoto.length / DEMO_ARTICLES.length;
    expect(share).toBeGreaterThan(0.55);
    expect(share).toBeLessThan(0.8);
    for (const a of withPhoto) {
      expect(SCENES).toContain(a.photo?.scene);
      expect(a.photo?.caption.length).toBeGreaterThan(0);
      expect(a.photo?.credit.length).toBeGreaterThan(0);
      expect(a.photo?.alt.length).toBeGreaterThan(0);
    }
  });

  it('has exactly one wire-shaped politics story in defense-security', () => {
    const wire = DEMO_ARTICLES.filter(isWireStory);
    expect(wire).toHaveLength(1);
    const story = wire[0] as DemoArticle;
    expect(story.body).toHaveLength(8);
    for (const b of story.body) {
      expect(b.type).toBe('paragraph');
      // Two to four sentences each (sentence ends: . ? ! possibly followed by a closing quote).
      const sentences = bodyText([b]).match(/[.?!]"?(?=\s|$)/g) ?? [];
      expect(sentences.length).toBeGreaterThanOrEqual(2);
      expect(sentences.length).toBeLessThanOrEqual(4);
    }
    expect(story.photo?.caption.length).toBeGreaterThan(0);
  });

  it('gives every other article 3 to 9 paragraphs', () => {
    for (const a of DEMO_ARTICLES.filter((x) => !isWireStory(x))) {
      const n = paragraphCount(a);
      expect(n, a.key).toBeGreaterThanOrEqual(3);
      expect(n, a.key).toBeLessThanOrEqual(9);
    }
  });

  it('has bodies that pass the body schema, with safe links and no image blocks', () => {
    for (const a of DEMO_ARTICLES) {
      expect(() => BodySchema.parse(a.body), a.key).not.toThrow();
      for (const b of a.body) {
        expect(b.type, a.key).not.toBe('image');
        for (const href of blockLinks(b)) {
          expect(isSafeHref(href), href).toBe(true);
          expect(href).toMatch(/^(https:\/\/example\.com\/|\/(?!\/))/);
        }
        if (b.type === 'embed') expect(b.url).toMatch(/^https:\/\/example\.com\/video\//);
      }
    }
  });

  it('exercises every kind of rich block and mark somewhere', () => {
    const blocks = DEMO_ARTICLES.flatMap((a) => a.body);
    const marks = blocks.flatMap((b) => (b.type === 'paragraph' ? b.content.flatMap((i) => i.marks ?? []) : []));
    expect(blocks.some((b) => b.type === 'heading')).toBe(true);
    expect(blocks.some((b) => b.type === 'quote' && (b.cite ?? '').length > 0)).toBe(true);
    expect(blocks.some((b) => b.type === 'list' && b.ordered)).toBe(true);
    expect(blocks.some((b) => b.type === 'list' && !b.ordered)).toBe(true);
    expect(blocks.some((b) => b.type === 'embed' && b.title.length > 0)).toBe(true);
    for (const type of ['em', 'strong', 'link'])
      expect(
        marks.some((m) => m.type === type),
        type,
      ).toBe(true);
  });

  it('uses headline-length headlines, one-sentence standfirsts, lower-case tags and plain quotes', () => {
    for (const a of DEMO_ARTICLES) {
      const words = a.headline.split(/\s+/).length;
      expect(words, a.headline).toBeGreaterThanOrEqual(6);
      expect(words, a.headline).toBeLessThanOrEqual(16);
      expect(a.standfirst.length, a.key).toBeGreaterThan(20);
      expect(a.tags.length, a.key).toBeGreaterThan(0);
      for (const tag of a.tags) expect(tag).toBe(tag.toLowerCase());
      const text = [a.headline, a.standfirst, bodyText(a.body)].join('\n');
      expect(text, a.key).not.toMatch(/[\u201c\u201d]/);
    }
  });
});

describe('demo illustrations', () => {
  it('renders every scene to a JPEG of the requested size', async () => {
    for (const scene of SCENES) {
      const svg = illustrationSvg(scene, `test-${scene}`, 640, 360);
      expect(svg).toContain('<svg');
      expect(svg).not.toMatch(/<text|<image|xlink:href|@import/);
      // The only URL allowed is the SVG namespace; everything else is internal (url(#id)).
      expect(svg.match(/https?:\/\/[^"]+/g) ?? []).toEqual(['http://www.w3.org/2000/svg']);
      const jpeg = await sharp(Buffer.from(svg)).jpeg().toBuffer();
      expect(jpeg.length, scene).toBeGreaterThan(1000);
      const meta = await sharp(jpeg).metadata();
      expect(meta.width, scene).toBe(640);
      expect(meta.height, scene).toBe(360);
    }
  });

  it('is deterministic per seed and varies between seeds', () => {
    for (const scene of SCENES) {
      const a = illustrationSvg(scene, 'seed-one', 800, 450);
      expect(illustrationSvg(scene, 'seed-one', 800, 450)).toBe(a);
      expect(illustrationSvg(scene, 'seed-two', 800, 450), scene).not.toBe(a);
    }
  });

  it('honours other aspect ratios', async () => {
    const svg = illustrationSvg('parliament', 'square', 300, 300);
    const meta = await sharp(await sharp(Buffer.from(svg)).png().toBuffer()).metadata();
    expect([meta.width, meta.height]).toEqual([300, 300]);
  });
});
