import { describe, expect, it } from 'vitest';
import { pageHref } from './listing-path.js';

describe('pageHref', () => {
  it('gives the first page the bare path', () => {
    expect(pageHref('/tag/budget/', 1)).toBe('/tag/budget/');
  });

  it('numbers every later page in the query', () => {
    expect(pageHref('/tag/budget/', 2)).toBe('/tag/budget/?page=2');
    expect(pageHref('https://news.example/politics/', 12)).toBe('https://news.example/politics/?page=12');
  });
});
