import { describe, expect, it } from 'vitest';
import { createWxrIndex } from './wxr-index.js';
import { mapWxrItem } from './wxr-map.js';
import type { WxrItem } from './wxr-parse.js';

const item = (over: Partial<WxrItem>): WxrItem => ({
  line: 1,
  title: 'Night market reopens',
  link: 'https://paper.example/2025/03/night-market/',
  creator: '',
  content: '',
  excerpt: '',
  postId: '7',
  postDate: '2025-03-02 09:00:00',
  postDateGmt: '2025-03-02 00:00:00',
  postName: 'night-market',
  status: 'publish',
  postType: 'post',
  postParent: '0',
  password: '',
  sticky: false,
  attachmentUrl: '',
  categories: [],
  meta: [],
  comments: 0,
  ...over,
});

const descriptionOf = (over: Partial<WxrItem>) => {
  const decision = mapWxrItem(item(over), createWxrIndex(), { declaredFields: new Map() });
  if (!('plan' in decision)) throw new Error(`skipped: ${decision.skip}`);
  return decision.plan.seoDescription;
};

describe('mapWxrItem and <!--more-->', () => {
  it('describes the article by the teaser before <!--more--> when Yoast gave no description', () => {
    const content =
      '<p>Stalls return to the riverside on Friday.</p><p>Forty traders signed up.</p><!--more--><p>Rest.</p>';
    expect(descriptionOf({ content })).toBe('Stalls return to the riverside on Friday. Forty traders signed up.');
  });

  it("keeps Yoast's description over the teaser, and has none without either", () => {
    const content = '<p>Stalls return.</p><!--more--><p>Rest.</p>';
    const meta = [{ key: '_yoast_wpseo_metadesc', value: 'The market is back.' }];
    expect(descriptionOf({ content, meta })).toBe('The market is back.');
    expect(descriptionOf({ content: '<p>No teaser here.</p>' })).toBeNull();
  });

  it('cuts a long teaser with an ellipsis', () => {
    const content = `<p>${'word '.repeat(100)}</p><!--more--><p>Rest.</p>`;
    const description = descriptionOf({ content })!;
    expect(description.length).toBeLessThanOrEqual(300);
    expect(description.endsWith('…')).toBe(true);
  });
});
