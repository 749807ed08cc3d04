import { describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { renderDocument } from '../render.js';
import { ArticleListPage, type ArticleListProps } from './ArticleListPage.js';

const props: ArticleListProps = {
  chrome: {
    publicationName: 'Dateline News',
    cssHref: '/static/newsroom.css',
    account: null,
    csrfToken: 'token',
    siteZone: { timeZone: 'Asia/Tokyo', label: 'JST' },
  },
  rows: [
    {
      id: 4,
      headline: 'Harbour opens',
      status: 'draft',
      when: { kind: 'changed', text: '1 Dec 2026, 09:00', iso: '2026-12-01T00:00:00.000Z' },
      byline: ['Mei Aoki'],
    },
  ],
  status: null,
  search: 'harbour',
  page: 1,
  hasOlder: false,
};

const render = (p: Partial<ArticleListProps>) => parse(renderDocument(<ArticleListPage {...props} {...p} />));

describe('the article list page', () => {
  it('counts a search with every match counted, and pages it by number', () => {
    const page = render({ total: 51, more: false, pages: 2, hasOlder: true });
    expect(page.querySelector('#match-count')!.text).toBe('51 articles match');
    expect(page.querySelector('.nr-pages span')!.text).toBe('Page 1 of 2');
    expect(page.querySelector('a[rel="next"]')!.text).toBe('Next');
  });

  it('says "more than" when the index stopped counting, and gives no page count', () => {
    const page = render({ total: 1000, more: true, pages: null, page: 3, hasOlder: true });
    expect(page.querySelector('#match-count')!.text).toBe('More than 1,000 articles match');
    expect(page.querySelector('.nr-pages span')!.text).toBe('Page 3');
    expect(page.querySelector('a[rel="prev"]')!.getAttribute('href')).toBe('/newsroom/articles?q=harbour&page=2');
  });

  it('keeps the plain list newest first, uncounted, with Newer and Older', () => {
    const page = render({ search: '', page: 2, hasOlder: true });
    expect(page.querySelector('#match-count')).toBeNull();
    expect(page.querySelector('.nr-pages')!.text).toBe('NewerPage 2Older');
  });

  it.each([
    ['no-terms', 'The search has no words to look for, so every article is listed.'],
    ['cut', 'The search was too long: only its start was searched.'],
  ] as const)('explains a %s search', (note, text) => {
    expect(render({ note }).querySelector('.nr-notice')!.text.trim()).toBe(text);
  });
});
