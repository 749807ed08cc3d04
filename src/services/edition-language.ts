import { canonicalLanguage } from '../domain/edition.js';
import { primaryLanguage } from '../domain/edition-labels.js';
import type { SiteContext } from './site-context.js';

/** An edition found for a language, or why none is (lower-case, for the caller to frame). */
export type EditionChoice = { ok: true; edition: SiteContext } | { ok: false; problem: string };

const listed = (editions: readonly SiteContext[]): string =>
  editions.map((e) => `${e.edition.language} at ${e.edition.prefix}`).join(', ');

/**
 * The edition in a language (BCP 47): the one of exactly that tag, else the one edition of its primary subtag
 * ("ja-JP" finds ja). Shared by import-page's --lang, the WordPress import and the Admin API's `lang`.
 */
export const editionInLanguage = (site: SiteContext, language: string): EditionChoice => {
  const canonical = canonicalLanguage(language);
  if (canonical === null || !/^[a-z]{2,3}$/.test(primaryLanguage(canonical)))
    return { ok: false, problem: `"${language}" is not a language tag such as ja or en` };
  const exact = site.editions.find((e) => e.edition.language.toLowerCase() === canonical.toLowerCase());
  if (exact) return { ok: true, edition: exact };
  const same = site.editions.filter((e) => primaryLanguage(e.edition.language) === primaryLanguage(canonical));
  if (same.length === 1) return { ok: true, edition: same[0]! };
  if (same.length === 0)
    return { ok: false, problem: `the site has no edition in ${canonical} (its editions: ${listed(site.editions)})` };
  return {
    ok: false,
    problem: `several editions are in ${primaryLanguage(canonical)}: ${listed(same)}; give its tag exactly`,
  };
};
