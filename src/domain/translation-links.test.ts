import { describe, expect, it } from 'vitest';
import { translationLinks, type TranslationMember } from './translation-links.js';

const member = (articleId: number, language: string, over: Partial<TranslationMember> = {}): TranslationMember => ({
  articleId,
  language,
  languageName: language,
  path: `/${language}/${articleId}/`,
  isSource: false,
  inFirstEdition: false,
  ...over,
});

describe('translation links', () => {
  const en = member(1, 'en', { isSource: true, inFirstEdition: true, path: '/politics/1/' });
  const ja = member(2, 'ja');
  const ko = member(3, 'ko');

  it('gives every member the same alternates: each member, then x-default the first edition’s', () => {
    const sets = [en, ja, ko].map((m) => translationLinks([en, ja, ko], m.articleId)!.alternates);
    expect(sets[0]).toEqual([
      { hreflang: 'en', href: '/politics/1/' },
      { hreflang: 'ja', href: '/ja/2/' },
      { hreflang: 'ko', href: '/ko/3/' },
      { hreflang: 'x-default', href: '/politics/1/' },
    ]);
    expect(sets[1]).toEqual(sets[0]);
    expect(sets[2]).toEqual(sets[0]);
  });

  it('lists the others for the switch, the source for a translation and the translations for a source', () => {
    const ofSource = translationLinks([en, ja, ko], 1)!;
    expect(ofSource.others.map((m) => m.articleId)).toEqual([2, 3]);
    expect([ofSource.source, ofSource.translations.map((m) => m.articleId)]).toEqual([null, [2, 3]]);
    const ofJa = translationLinks([en, ja, ko], 2)!;
    expect(ofJa.others.map((m) => m.articleId)).toEqual([1, 3]);
    expect([ofJa.source?.articleId, ofJa.translations]).toEqual([1, []]);
  });

  it('takes the source as x-default when the first edition has no member, and none when neither is live', () => {
    const jaSource = member(4, 'ja', { isSource: true });
    expect(translationLinks([jaSource, ko], 3)!.alternates.at(-1)).toEqual({ hreflang: 'x-default', href: '/ja/4/' });
    const withoutSource = translationLinks([ja, ko], 2)!.alternates;
    expect(withoutSource.map((a) => a.hreflang)).toEqual(['ja', 'ko']);
    expect(translationLinks([ja, ko], 2)!.source).toBeNull();
  });

  it('prints nothing for an article with no other live member, or that is not live itself', () => {
    expect(translationLinks([en], 1)).toBeNull();
    expect(translationLinks([], 1)).toBeNull();
    expect(translationLinks([ja, ko], 1)).toBeNull();
  });
});
