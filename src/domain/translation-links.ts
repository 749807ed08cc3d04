/**
 * How the live members of a translation group link each other (issue 13): hreflang alternates, the language switch
 * and JSON-LD's translationOfWork / workTranslation. Every member of a group computes the same set from the same
 * members, so the links are reciprocal by construction (docs/architecture/0014-editions.md).
 */

/** A live article of a translation group, at its canonical address. */
export interface TranslationMember {
  articleId: number;
  /** The edition's language (BCP 47): the hreflang. */
  language: string;
  /** The edition's name for its own language ("日本語", "English"): what the language switch shows. */
  languageName: string;
  /** The canonical path, its edition's prefix included. */
  path: string;
  /** The group's source; every other member is one of its translations. */
  isSource: boolean;
  /** The member is in the site's first edition (the one at "/"). */
  inFirstEdition: boolean;
}

export interface TranslationLinks {
  /** Every member and x-default, in the order the members were given (the editions' order). */
  alternates: { hreflang: string; href: string }[];
  /** The other members, for the language switch. */
  others: TranslationMember[];
  /** This article is a translation: its source, when live. */
  source: TranslationMember | null;
  /** This article is the source: its live translations. */
  translations: TranslationMember[];
}

/**
 * The links of member `articleId` among `members` (live ones only, in the editions' order); null when it has no
 * live member to link to, so an article alone prints nothing new. x-default is the first edition's member when the
 * group has one live, else the source when live, else none.
 */
export function translationLinks(members: readonly TranslationMember[], articleId: number): TranslationLinks | null {
  const self = members.find((m) => m.articleId === articleId);
  if (!self || members.length < 2) return null;
  const others = members.filter((m) => m !== self);
  const fallback = members.find((m) => m.inFirstEdition) ?? members.find((m) => m.isSource);
  return {
    alternates: [
      ...members.map((m) => ({ hreflang: m.language, href: m.path })),
      ...(fallback ? [{ hreflang: 'x-default', href: fallback.path }] : []),
    ],
    others,
    source: self.isSource ? null : (others.find((m) => m.isSource) ?? null),
    translations: self.isSource ? others : [],
  };
}
