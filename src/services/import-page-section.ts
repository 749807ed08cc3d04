/**
 * import-page's choice of section for a page going into the first edition: the one its "Top Articles in …" line
 * names, made from that name when the site has none, or --section. A name the site cannot rightly take (an address
 * the site keeps, a page's address, a name only another edition gives a section) is refused, naming the line.
 */
import { isReservedPath } from '../domain/reserved-paths.js';
import type { ParsedPage } from '../domain/page-text.js';
import { slugify } from '../domain/slug.js';
import type { Db } from '../storage/database.js';
import { listSectionRows } from '../storage/repositories/section.repository.js';
import { ImportError } from './import-error.js';
import { pageHasSlug } from './publication-pages.js';
import type { SiteContext } from './site-context.js';

export type SectionChoice = { id: number } | { create: { slug: string; name: string } };

const TOP_ARTICLES_PREFIX = 'Top Articles in ';
const JA_TOP_ARTICLES_SUFFIX = 'の注目記事';

/**
 * 1-based line of the "Top Articles in X" (or "Xの注目記事") line naming this section, so a refusal can point at it.
 * Lines are counted as parsePageText counts them; 0 when it cannot be found (the refusal then names the file only).
 */
const sectionNameLine = (text: string, sectionName: string): number => {
  const index = text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .findIndex(
      (line) =>
        (line.startsWith(TOP_ARTICLES_PREFIX) && line.slice(TOP_ARTICLES_PREFIX.length).trim() === sectionName) ||
        (line.endsWith(JA_TOP_ARTICLES_SUFFIX) && line.slice(0, -JA_TOP_ARTICLES_SUFFIX.length).trim() === sectionName),
    );
  return index + 1;
};

/** Refuses a section the page names whose address the site answers itself: its articles would all be 404s. */
const refuseReservedName = (text: string, sectionName: string, slug: string): void => {
  if (!isReservedPath(slug)) return;
  throw new ImportError(
    sectionNameLine(text, sectionName),
    `the section "${sectionName}" would live at /${slug}/, an address the site keeps for itself; ` +
      'create the section under another address in the newsroom and pass it with --section',
  );
};

/** Another edition's sections that go by this name there (a Japanese name, say), with each one's edition. */
const namedInOtherEditions = (site: SiteContext, name: string) => {
  const wanted = name.toLowerCase();
  return site.editions.flatMap((e) => {
    const section =
      e.edition.id === site.edition.id ? undefined : e.sections.all.find((s) => s.name.toLowerCase() === wanted);
    return section ? [{ language: e.edition.language, slug: site.sections.byId.get(section.id)?.slug ?? null }] : [];
  });
};

/**
 * Refuses, for a page going into the first edition, a section name the first edition does not have but another
 * edition gives one of its sections: which section is meant, and which edition the page belongs in, is the
 * person's to say, not the import's to guess.
 */
const refuseOtherEditionName = (
  site: SiteContext,
  text: string,
  name: string,
  named: ReturnType<typeof namedInOtherEditions>,
): never => {
  const slugs = [...new Set(named.map((n) => n.slug))];
  const sectionHint = slugs.length === 1 && slugs[0] !== null ? `--section ${slugs[0]}` : '--section SLUG';
  const languages = [...new Set(named.map((n) => n.language))];
  const editions = languages.length === 1 ? `the ${languages[0]} edition` : `the ${languages.join(' and ')} editions`;
  throw new ImportError(
    sectionNameLine(text, name),
    `the page names its section "${name}", a name in ${editions}, not in the first edition ` +
      `(${site.edition.language}), where a page goes without --lang; pass ${sectionHint} to import it into the ` +
      `first edition, or ${languages.map((l) => `--lang ${l}`).join(' or ')} to import it into ${editions.replace(/ and /, ' or ')}`,
  );
};

/**
 * The section the page's "Top Articles in …" line names: found by its name, else made from it. Null when a name
 * only another edition gives a section and --section was passed: that option then says which section is meant.
 */
const sectionByName = async (
  db: Db,
  site: SiteContext,
  rows: Awaited<ReturnType<typeof listSectionRows>>,
  text: string,
  name: string,
  sectionSlug: string | undefined,
): Promise<SectionChoice | null> => {
  const wanted = name.toLowerCase();
  const found = rows.find((r) => r.name.toLowerCase() === wanted);
  if (found) {
    // A section made before the reserved list existed may sit at such an address; nothing more goes there.
    refuseReservedName(text, name, found.slug);
    return { id: found.id };
  }
  const elsewhere = namedInOtherEditions(site, name);
  if (elsewhere.length > 0)
    return sectionSlug === undefined ? refuseOtherEditionName(site, text, name, elsewhere) : null;
  // A name of no Latin letters or digits ("芸能") would make a section at /article/, which nobody asked for.
  if (!/[a-z0-9]/i.test(name.normalize('NFKD')))
    throw new ImportError(
      sectionNameLine(text, name),
      `the page names its section "${name}", which the site has in no edition, and an address cannot be made from ` +
        'that name; create the section in the newsroom and pass it with --section SLUG (or, for a page of another ' +
        "edition, pass --lang and give the section that name on the newsroom's Editions page)",
    );
  const slug = slugify(name, 40);
  refuseReservedName(text, name, slug);
  if (rows.some((r) => r.slug === slug)) return { id: rows.find((r) => r.slug === slug)!.id };
  // A new section at a page's address would hide that page (sections are looked up first).
  if (await pageHasSlug(db, slug)) {
    throw new ImportError(
      sectionNameLine(text, name),
      `the section "${name}" would live at /${slug}/, the address of a page of the publication; ` +
        'create the section under another address in the newsroom and pass it with --section',
    );
  }
  return { create: { slug, name } };
};

export const chooseSection = async (
  db: Db,
  site: SiteContext,
  text: string,
  page: ParsedPage,
  sectionSlug: string | undefined,
): Promise<SectionChoice> => {
  const rows = await listSectionRows(db);
  const named =
    page.sectionName === null ? null : await sectionByName(db, site, rows, text, page.sectionName, sectionSlug);
  if (named) return named;
  if (sectionSlug !== undefined && isReservedPath(sectionSlug)) {
    throw new ImportError(0, `"${sectionSlug}" is an address the site keeps for itself, not a section; choose another`);
  }
  if (sectionSlug === undefined) {
    throw new ImportError(
      0,
      'the page has no "Top Articles in …" line, so its section is unknown: pass --section SLUG',
    );
  }
  const found = rows.find((r) => r.slug === sectionSlug);
  if (!found) {
    throw new ImportError(
      0,
      `there is no section "${sectionSlug}" (sections: ${rows.map((r) => r.slug).join(', ') || 'none yet'})`,
    );
  }
  return { id: found.id };
};
