import { z } from 'zod';
import { DATE_STYLES, type DateStyle } from './edition-dates.js';
import { primaryLanguage, readerLabels } from './edition-labels.js';
import { isReservedPath } from './reserved-paths.js';

/**
 * Editions (issue 13): one newsroom, one site, a paper per language. Each edition has a language, a path prefix
 * ("/" for the first, which is the site as it has always been; "/ja/" and the like for the others) and its own
 * names, wordings and date style. Sections, authors, media and the time zone are shared; articles belong to one
 * edition each and may be linked to their translations in the others. docs/architecture/0014-editions.md has
 * the whole design.
 */

/** What an editor sets per edition besides its language and prefix. Stored as one JSON column (the record says why). */
export interface EditionSettings {
  publicationName: string;
  /** In "{shortName} ACCESS RANKING". */
  shortName: string;
  tagline: string;
  /** Printed in datelines of styles that print one ("JST"); the zone itself is the site's. */
  timeZoneLabel: string;
  dateStyle: DateStyle;
  /** "Top Articles in {section}": the box heading, with the section's name in the edition. */
  topArticlesHeading: string;
  /** "{shortName} ACCESS RANKING" or "アクセスランキング". */
  rankingHeading: string;
}

export interface Edition extends EditionSettings {
  id: number;
  /** Canonical BCP 47 ("en", "ja", "zh-Hant"): <html lang>, hreflang, news:language, inLanguage. */
  language: string;
  /** "/" for the first edition, else "/xx/". */
  prefix: string;
  /** Order among editions; the lowest is the first edition. */
  position: number;
}

/** The first edition's prefix: the site's root, unchanged from before editions. */
export const ROOT_PREFIX = '/';

const OTHER_PREFIX = /^\/([a-z]{2,3}(?:-[a-z0-9]{2,8})*)\/$/;

/** The canonical form of a BCP 47 tag ("JA-jp" → "ja-JP"), or null when Intl does not take it as one. */
export function canonicalLanguage(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0] ?? null;
  } catch {
    return null;
  }
}

/** Why a language cannot be an edition's, or null. Extensions (-u-, -x-…) say nothing hreflang or a reader needs. */
function languageProblem(tag: string, otherLanguages: readonly string[]): string | null {
  const canonical = tag.length <= 35 ? canonicalLanguage(tag) : null;
  // Well-formed is not enough: Intl takes "japanese" (a 5-8 letter subtag is syntax, though none is registered).
  const parts = canonical?.split('-') ?? [];
  if (canonical === null || !/^[a-z]{2,3}$/.test(parts[0]!) || parts.some((p) => p.length === 1) || canonical === 'und')
    return 'Give a language tag such as en, ja or zh-Hant.';
  if (otherLanguages.some((other) => other.toLowerCase() === canonical.toLowerCase()))
    return `Another edition is already in ${canonical}.`;
  return null;
}

/** What else already answers at a first path segment: the site's own routes, and the sections' and pages' addresses. */
export interface PrefixContext {
  isFirst: boolean;
  otherPrefixes: readonly string[];
  /** First path segments taken by content (top-level section slugs, publication page slugs), lower-cased. */
  takenSegments: ReadonlySet<string>;
}

/** Why a prefix cannot be an edition's, or null. One segment, so no edition's prefix can hold another's. */
export function prefixProblem(prefix: string, context: PrefixContext): string | null {
  if (context.isFirst) return prefix === ROOT_PREFIX ? null : 'The first edition is the site itself: its prefix is /.';
  if (prefix === ROOT_PREFIX) return 'Only the first edition is at /; give this one a prefix such as /ja/.';
  const segment = OTHER_PREFIX.exec(prefix)?.[1];
  if (segment === undefined)
    return 'Write the prefix as lowercase letters between slashes, such as /ja/ (or /zh-hant/ with a hyphen).';
  if (isReservedPath(segment)) return `The site keeps /${segment}/ for itself; choose another prefix.`;
  if (context.takenSegments.has(segment))
    return `A section or page already has the address /${segment}/; choose another prefix.`;
  if (context.otherPrefixes.includes(prefix)) return `Another edition already has the prefix ${prefix}.`;
  return null;
}

const template = (placeholder: string | null, max: number) =>
  z
    .string()
    .trim()
    .min(1, 'Write the wording.')
    .max(max, `Keep it under ${max} characters.`)
    .refine((t) => placeholder === null || t.split(`{${placeholder}}`).length === 2, {
      message: `Put {${placeholder}} in the wording once, where the name goes.`,
    });

export const EditionSettingsSchema = z.object({
  publicationName: z.string().trim().min(1, 'Give the edition a name.').max(120, 'Keep the name under 120 characters.'),
  shortName: z.string().trim().min(1, 'Give a short name.').max(20, 'Keep the short name under 20 characters.'),
  tagline: z.string().trim().max(200, 'Keep the tagline under 200 characters.'),
  timeZoneLabel: z.string().trim().min(1, 'Give the zone’s label, such as JST.').max(10, 'Keep the label short.'),
  dateStyle: z.enum(DATE_STYLES, { error: `Choose a date style: ${DATE_STYLES.join(' or ')}.` }),
  topArticlesHeading: template('section', 80),
  rankingHeading: template(null, 80),
});

/** An edition as a form or the CLI gives it, before it has an id or a place. */
export interface EditionDraft extends EditionSettings {
  language: string;
  prefix: string;
}

export type EditionCheck = { ok: true; edition: EditionDraft } | { ok: false; fields: Record<string, string> };

/** Checks a new or changed edition against the others and the site's addresses; every problem by field. */
export function validateEdition(
  input: unknown,
  context: PrefixContext & { otherLanguages: readonly string[] },
): EditionCheck {
  const fields: Record<string, string> = {};
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const language = typeof raw.language === 'string' ? raw.language : '';
  const prefix = typeof raw.prefix === 'string' ? raw.prefix.trim() : '';
  const languageIssue = languageProblem(language, context.otherLanguages);
  if (languageIssue) fields.language = languageIssue;
  const prefixIssue = prefixProblem(prefix, context);
  if (prefixIssue) fields.prefix = prefixIssue;
  const settings = EditionSettingsSchema.safeParse(raw);
  if (!settings.success)
    for (const issue of settings.error.issues) fields[String(issue.path[0] ?? 'form')] ??= issue.message;
  if (!settings.success || Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, edition: { ...settings.data, language: canonicalLanguage(language)!, prefix } };
}

/** A new edition's settings before an editor words them: its language's defaults around the names given. */
export function defaultEditionSettings(
  language: string,
  names: Pick<EditionSettings, 'publicationName' | 'shortName' | 'tagline' | 'timeZoneLabel'>,
): EditionSettings {
  const labels = readerLabels(language);
  return {
    ...names,
    dateStyle: primaryLanguage(language) === 'ja' ? 'ja' : 'en',
    topArticlesHeading: labels.topArticlesTemplate,
    rankingHeading: labels.rankingHeadingTemplate,
  };
}

/**
 * Stored settings over `base`, field by field: one stored value that no longer validates (a wording rule made
 * stricter, a date style removed) falls back alone, as site settings do, rather than failing the whole edition.
 */
export function mergeEditionSettings(stored: unknown, base: EditionSettings): EditionSettings {
  const merged: Record<string, unknown> = { ...base };
  if (typeof stored === 'object' && stored !== null) {
    for (const [key, value] of Object.entries(stored)) {
      const field = EditionSettingsSchema.shape[key as keyof EditionSettings];
      const parsed = field?.safeParse(value);
      if (parsed?.success) merged[key] = parsed.data;
    }
  }
  return merged as unknown as EditionSettings;
}

/** The edition a request is in, and the path inside it. */
export interface EditionMatch<E> {
  edition: E;
  /** The path with the prefix taken off ("/ja/politics/" → "/politics/"); "" for the prefix without its slash ("/ja"). */
  rest: string;
}

/**
 * Finds the edition of a request path: the longest prefix that matches whole segments ("/ja/…" and "/ja" are
 * Japanese, "/jazz/" is not), else the first edition, so every path has exactly one edition. Sorted once:
 * this runs on every request, before the page cache is asked.
 */
export function editionFinder<E extends Pick<Edition, 'prefix'>>(
  editions: readonly E[],
): (path: string) => EditionMatch<E> {
  const root = editions.find((e) => e.prefix === ROOT_PREFIX);
  if (!root) throw new Error('an edition list without an edition at / cannot place every path');
  const prefixed = editions.filter((e) => e !== root).sort((a, b) => b.prefix.length - a.prefix.length);
  return (path) => {
    for (const edition of prefixed) {
      if (path.startsWith(edition.prefix)) return { edition, rest: path.slice(edition.prefix.length - 1) };
      if (path.length === edition.prefix.length - 1 && edition.prefix.startsWith(path)) return { edition, rest: '' };
    }
    return { edition: root, rest: path };
  };
}

/** The site path of a path inside an edition: the inverse of editionFinder's `rest` ("/politics/" → "/ja/politics/"). */
export const editionPath = (edition: Pick<Edition, 'prefix'>, rest: string): string =>
  edition.prefix === ROOT_PREFIX ? rest : edition.prefix.slice(0, -1) + rest;

/** The first edition: the one at "/", which the lowest position holds (validateEdition sees to it). */
export const firstEdition = <E extends Pick<Edition, 'position'>>(editions: readonly E[]): E | undefined =>
  editions.reduce<E | undefined>(
    (first, e) => (first === undefined || e.position < first.position ? e : first),
    undefined,
  );
