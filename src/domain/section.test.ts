import { describe, expect, it } from 'vitest';
import { buildSectionTree, sectionAt } from './section.js';

const tree = buildSectionTree([
  { id: 1, slug: 'politics', name: 'Politics', position: 1, parentId: null },
  { id: 2, slug: 'diplomacy', name: 'Diplomacy', position: 1, parentId: 1 },
  { id: 3, slug: 'sport', name: 'Sport', position: 2, parentId: null },
]);

describe('sectionAt', () => {
  it('finds a top-level section by its one slug', () => {
    expect(sectionAt(tree, ['politics'])?.id).toBe(1);
  });

  it('finds a subsection under its own parent', () => {
    expect(sectionAt(tree, ['politics', 'diplomacy'])?.id).toBe(2);
  });

  it('finds no subsection under another section, nor one standing alone at the top', () => {
    expect(sectionAt(tree, ['sport', 'diplomacy'])).toBeUndefined();
    expect(sectionAt(tree, ['diplomacy'])).toBeUndefined();
  });

  it('finds nothing for an unknown slug or no slugs', () => {
    expect(sectionAt(tree, ['weather'])).toBeUndefined();
    expect(sectionAt(tree, ['politics', 'weather'])).toBeUndefined();
    expect(sectionAt(tree, [])).toBeUndefined();
  });
});
