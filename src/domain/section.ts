import type { Section } from './article.js';

/** The section tree as readers navigate it: top-level sections in order, each with its subsections. */
export interface SectionTree {
  all: Section[];
  top: Section[];
  byId: Map<number, Section>;
  bySlug: Map<string, Section>;
  children: Map<number, Section[]>;
  /**
   * Where the tree's addresses start: absent for the first edition's ("/politics/"), an edition's prefix for
   * another's ("/ja/seiji/"), so every path made from the tree is already under its edition (issue 13).
   */
  prefix?: string;
}

export const buildSectionTree = (sections: Section[], prefix?: string): SectionTree => {
  const sorted = [...sections].sort((a, b) => a.position - b.position || a.id - b.id);
  const children = new Map<number, Section[]>();
  for (const s of sorted) {
    if (s.parentId === null) continue;
    children.set(s.parentId, [...(children.get(s.parentId) ?? []), s]);
  }
  return {
    all: sorted,
    top: sorted.filter((s) => s.parentId === null),
    byId: new Map(sorted.map((s) => [s.id, s])),
    bySlug: new Map(sorted.map((s) => [s.slug, s])),
    children,
    ...(prefix === undefined || prefix === '/' ? {} : { prefix }),
  };
};

/** "/politics/" or "/politics/diplomacy/". */
export const sectionPath = (tree: SectionTree, section: Section): string => {
  const parent = section.parentId === null ? undefined : tree.byId.get(section.parentId);
  const base = tree.prefix ?? '/';
  return parent ? `${base}${parent.slug}/${section.slug}/` : `${base}${section.slug}/`;
};

/** The section at `/{top}/` or the subsection at `/{top}/{sub}/`: a subsection only under its own parent. */
export const sectionAt = (tree: SectionTree, slugs: readonly string[]): Section | undefined => {
  const top = slugs[0] === undefined ? undefined : tree.bySlug.get(slugs[0]);
  if (!top || top.parentId !== null) return undefined;
  if (slugs.length === 1) return top;
  const sub = slugs[1] === undefined ? undefined : tree.bySlug.get(slugs[1]);
  return sub && sub.parentId === top.id ? sub : undefined;
};

/** The top-level section an article's section belongs to: Top Articles boxes and fronts gather at this level. */
export const topLevelOf = (tree: SectionTree, section: Section): Section =>
  (section.parentId !== null && tree.byId.get(section.parentId)) || section;

/** A section and all its subsections, for "latest in Politics" including Politics › Diplomacy. */
export const sectionFamilyIds = (tree: SectionTree, section: Section): number[] => [
  section.id,
  ...(tree.children.get(section.id) ?? []).map((c) => c.id),
];
