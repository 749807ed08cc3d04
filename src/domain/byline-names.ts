/** An author as the Bylines field can name one: by slug, or by name. */
export interface BylineChoice {
  id: number;
  slug: string;
  name: string;
}

export type BylineReading =
  { ok: true; ids: number[] } | { ok: false; unknown: string[]; ambiguous: { typed: string; slugs: string[] }[] };

/** Names compare without case, accents written two ways, or runs of spaces mattering. */
const nameKey = (text: string): string => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

/** The comma-separated entries of the field, trimmed, empty ones dropped. */
export const bylineEntries = (text: string): string[] =>
  text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);

/**
 * Reads the Bylines field, in order: each entry is an author's slug (exactly) or name (in any case). A name two
 * authors share must be written as one of their slugs. An author named twice is one byline.
 */
export function readBylines(text: string, authors: readonly BylineChoice[]): BylineReading {
  const bySlug = new Map(authors.map((a) => [a.slug, a]));
  const byName = new Map<string, BylineChoice[]>();
  for (const a of authors) byName.set(nameKey(a.name), [...(byName.get(nameKey(a.name)) ?? []), a]);

  const ids: number[] = [];
  const unknown: string[] = [];
  const ambiguous: { typed: string; slugs: string[] }[] = [];
  for (const entry of bylineEntries(text)) {
    const bySlugMatch = bySlug.get(entry);
    const matches = bySlugMatch ? [bySlugMatch] : (byName.get(nameKey(entry)) ?? []);
    if (matches.length === 0) unknown.push(entry);
    else if (matches.length > 1) ambiguous.push({ typed: entry, slugs: matches.map((a) => a.slug) });
    else if (!ids.includes(matches[0]!.id)) ids.push(matches[0]!.id);
  }
  return unknown.length > 0 || ambiguous.length > 0 ? { ok: false, unknown, ambiguous } : { ok: true, ids };
}

/** The field message for bylines that name nobody, or more than one author: what to write instead, and how to add one. */
export function bylineProblem(reading: Extract<BylineReading, { ok: false }>): string {
  const parts: string[] = [];
  if (reading.unknown.length > 0) {
    const names = reading.unknown.map((n) => `"${n}"`).join(', ');
    const first = reading.unknown[0]!.replace(/"/g, '');
    parts.push(
      `No author is called ${names}. Add the author on the Authors page of the newsroom (editors and admins), ` +
        `or with: npx dateline author add --name "${first}"; then save again.`,
    );
  }
  for (const { typed, slugs } of reading.ambiguous) {
    parts.push(`Several authors are called "${typed}": write one of their slugs instead (${slugs.join(', ')}).`);
  }
  return parts.join(' ');
}
