import { describe, expect, it } from 'vitest';
import { parseGhostExport, type GhostExport } from './ghost-export.js';
import { mapGhostPost, type GhostMapOptions } from './ghost-map.js';
import type { ImportPlan } from './import-plan.js';

const lexical = (words: string) =>
  JSON.stringify({ root: { children: [{ type: 'paragraph', children: [{ type: 'text', text: words }] }] } });

const exportOf = (post: Record<string, unknown>, extra: Record<string, unknown[]> = {}): GhostExport => {
  const result = parseGhostExport(
    JSON.stringify({
      meta: { version: '5.82.1' },
      data: {
        posts: [
          {
            id: 'p1',
            title: 'Tides',
            slug: 'tides',
            status: 'published',
            published_at: '2024-05-01T08:00:00Z',
            ...post,
          },
        ],
        tags: [
          { id: 'sea', name: 'Sea', slug: 'sea' },
          { id: 'moon', name: 'Moon', slug: 'moon' },
          { id: 'batch', name: '#batch', slug: 'hash-batch', visibility: 'internal' },
          { id: 'hero', name: '#hero', slug: 'hash-hero' },
        ],
        users: [
          { id: '1', name: 'Ana Ruiz', slug: 'ana', website: 'https://ana.example', twitter: '@ana_r', bio: 'Tides.' },
          { id: '2', name: 'Kō Abe', slug: 'ko' },
        ],
        ...extra,
      },
    }),
  );
  if (!result.ok) throw new Error(result.message);
  return result.export;
};
const opts: GhostMapOptions = { sectionSlugs: new Set(['moon']), baseUrl: 'https://tide.example' };
const planOf = (post: Record<string, unknown>, extra?: Record<string, unknown[]>): ImportPlan => {
  const ghost = exportOf(post, extra);
  const decided = mapGhostPost(ghost.posts[0]!, ghost, opts);
  if ('skip' in decided) throw new Error(decided.skip);
  return decided.plan;
};
const tagged = (...ids: string[]) => ({
  posts_tags: ids.map((tag_id, i) => ({ post_id: 'p1', tag_id, sort_order: i })),
});

describe('a Ghost post mapped', () => {
  it('keeps public posts live and makes members-only, paid and email-only posts drafts, saying why', () => {
    expect(planOf({ visibility: 'public' }).status).toBe('published');
    for (const [visibility, who] of [
      ['members', 'members'],
      ['paid', 'paying members'],
      ['tiers', 'members of some tiers'],
    ]) {
      const plan = planOf({ visibility });
      expect(plan.status).toBe('draft');
      expect(plan.downgrades[0]).toMatch(new RegExp(`^it is for ${who} only in Ghost, so it was imported as a draft`));
    }
    expect(planOf({ status: 'sent' }).downgrades[0]).toMatch(/newsletter only/);
    expect(planOf({ status: 'scheduled', published_at: '2099-01-01T00:00:00Z' }).status).toBe('scheduled');
    const ghost = exportOf({ status: 'archived' });
    expect(mapGhostPost(ghost.posts[0]!, ghost, opts)).toEqual({ skip: 'its status "archived" is not one a post has' });
  });

  it('leaves internal tags out and makes the primary tag the section when the site has one with its slug', () => {
    const plan = planOf({}, tagged('batch', 'moon', 'hero', 'sea'));
    expect(plan.tags).toEqual(['Moon', 'Sea']);
    expect(plan.section).toEqual({ top: { slug: 'moon', name: 'Moon' }, sub: null });
    const elsewhere = planOf({}, tagged('sea', 'moon'));
    expect(elsewhere.section).toBeNull();
    expect(elsewhere.notes).toContain(
      'Its primary tag names no section of the site (or it has none), so it went to the default section.',
    );
  });

  it('names its authors in their order, with their links, and says when one is missing', () => {
    const plan = planOf(
      {},
      {
        posts_authors: [
          { post_id: 'p1', author_id: '1', sort_order: 1 },
          { post_id: 'p1', author_id: '9', sort_order: 2 },
          { post_id: 'p1', author_id: '2', sort_order: 0 },
        ],
      },
    );
    expect(plan.bylines).toEqual([
      { sourceId: '2', slug: 'ko', name: 'Kō Abe', bio: '', links: {} },
      {
        sourceId: '1',
        slug: 'ana',
        name: 'Ana Ruiz',
        bio: 'Tides.',
        links: { website: 'https://ana.example', x: 'https://x.com/ana_r' },
      },
    ]);
    expect(plan.downgrades).toContain('its author 9 is not in the export, so that byline was left off');
  });

  it('gives an author whose slug and name are in another script the slug "author"', () => {
    const plan = planOf({ author_id: '3' }, { users: [{ id: '3', name: 'Ελένη', slug: 'ελένη' }] });
    expect(plan.bylines.map((b) => [b.slug, b.name])).toEqual([['author', 'Ελένη']]);
  });

  it('reads Ghost 2’s page flag and single author_id', () => {
    const plan = planOf({ page: true, author_id: '1', lexical: lexical('About us') });
    expect(plan.kind).toBe('page');
    expect(plan.bylines).toEqual([]);
    expect(planOf({ author_id: 1 }).bylines.map((b) => b.name)).toEqual(['Ana Ruiz']);
  });

  it('takes its body from Lexical, else Mobiledoc, else HTML, and says when one cannot be read', () => {
    const mobiledoc = JSON.stringify({ version: '0.3.1', sections: [[1, 'p', [[0, [], 0, 'From Mobiledoc']]]] });
    const words = (plan: ImportPlan) => plan.blocks.map((b) => ('content' in b ? b.content[0]!.text : b.type));
    expect(words(planOf({ lexical: lexical('From Lexical'), mobiledoc, html: '<p>From HTML</p>' }))).toEqual([
      'From Lexical',
    ]);
    expect(words(planOf({ mobiledoc, html: '<p>From HTML</p>' }))).toEqual(['From Mobiledoc']);
    const broken = planOf({ lexical: '{"root":', html: '<p>From HTML &amp; more</p>' });
    expect(words(broken)).toEqual(['From HTML & more']);
    expect(broken.downgrades).toContain(
      'its Lexical document could not be read, so the next form of its body was used',
    );
  });

  it('reads the feature image, excerpt and meta from posts_meta, and lists the fields it cannot keep', () => {
    const plan = planOf(
      {
        feature_image: '__GHOST_URL__/content/images/quay.jpg',
        custom_excerpt: '  Earlier   boats. ',
        featured: true,
        canonical_url: 'https://elsewhere.example/a',
      },
      {
        posts_meta: [
          {
            post_id: 'p1',
            feature_image_alt: 'The quay',
            feature_image_caption: 'By <a href="https://ana.example">Ana</a>',
            meta_description: 'Tides this week.',
            og_title: 'Tides!',
          },
        ],
      },
    );
    expect(plan.photo).toEqual({
      url: 'https://tide.example/content/images/quay.jpg',
      alt: 'The quay',
      caption: 'By Ana',
    });
    expect(plan.standfirst).toBe('Earlier boats.');
    expect(plan.featured).toBe(true);
    expect(plan.seoDescription).toBe('Tides this week.');
    expect(plan.oldPaths).toEqual(['/tides/']);
    expect(plan.downgrades.join('\n')).toMatch(/its og_title, canonical_url were not kept/);
  });

  it('gives an untitled post a placeholder headline and keeps titles as plain text', () => {
    expect(planOf({ title: '' }).headline).toBe('(no title)');
    expect(planOf({ title: 'Fish &amp; <chips>' }).headline).toBe('Fish &amp; <chips>');
  });
});
