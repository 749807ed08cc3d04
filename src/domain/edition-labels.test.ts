import { describe, expect, it } from 'vitest';
import { fillTemplate, hasReaderLabels, readerLabels, type ReaderLabels } from './edition-labels.js';

/** Every label as text, functions called with sample values, so each can be checked as words. */
const allText = (labels: ReaderLabels): string[] =>
  Object.values(labels).flatMap((value) => {
    if (typeof value === 'function') return [String((value as (a: string | number, b: number) => string)(2, 5))];
    if (typeof value === 'object') return Object.values(value as Record<string, string>);
    return [value as string];
  });

describe('reader labels', () => {
  it('prints the words the English pages print today', () => {
    const en = readerLabels('en');
    expect(fillTemplate(en.rankingHeadingTemplate, { shortName: 'DN' })).toBe('DN ACCESS RANKING');
    expect(fillTemplate(en.topArticlesTemplate, { section: 'Politics' })).toBe('Top Articles in Politics');
    expect(en.moreIn('Politics')).toBe('More in Politics');
    expect(en.pageOf(2, 5)).toBe('Page 2 of 5');
  });

  it('words the boxes the way a Japanese paper does', () => {
    const ja = readerLabels('ja');
    expect(fillTemplate(ja.rankingHeadingTemplate, { shortName: 'DN' })).toBe('アクセスランキング');
    expect(fillTemplate(ja.topArticlesTemplate, { section: '政治' })).toBe('政治の注目記事');
    expect(ja.moreIn('経済')).toBe('経済の新着記事');
    expect(ja.related).toBe('関連記事');
    expect(ja.pageNotFound).toBe('ページが見つかりません');
  });

  it('leaves no English word in the Japanese labels but the feed formats’ names and the placeholder', () => {
    const words = allText(readerLabels('ja'))
      .join(' ')
      .replace(/RSS|Atom|\{section\}/g, '');
    expect(words).not.toMatch(/[A-Za-z]/);
  });

  it('has no empty label in either language', () => {
    for (const language of ['en', 'ja'])
      expect(allText(readerLabels(language)).filter((t) => t.trim() === '')).toEqual([]);
  });

  it('chooses by the primary language subtag, English where it has no words yet', () => {
    expect(readerLabels('ja-JP')).toBe(readerLabels('ja'));
    expect(readerLabels('JA')).toBe(readerLabels('ja'));
    expect(readerLabels('en-GB')).toBe(readerLabels('en'));
    expect(readerLabels('fr')).toEqual({ ...readerLabels('en'), languageName: 'français' });
    expect(hasReaderLabels('fr')).toBe(false);
    expect(hasReaderLabels('ja-JP')).toBe(true);
  });

  it('names each language in itself, for the switch between editions', () => {
    expect(readerLabels('ja').languageName).toBe('日本語');
    expect(readerLabels('en').languageName).toBe('English');
    // A language without words of its own still names itself: the switch must not call Korean "English".
    expect(readerLabels('ko').languageName).toBe('한국어');
  });
});

describe('fillTemplate', () => {
  it('puts a name in literally, even one with a replacement pattern in it', () => {
    expect(fillTemplate('Top Articles in {section}', { section: 'R$&D' })).toBe('Top Articles in R$&D');
  });

  it('fills every occurrence and leaves unknown placeholders alone', () => {
    expect(fillTemplate('{a}-{a}-{b}', { a: 'x' })).toBe('x-x-{b}');
  });
});
