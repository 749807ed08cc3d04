import { describe, expect, it } from 'vitest';
import { bylineProblem, readBylines } from './byline-names.js';

const AUTHORS = [
  { id: 1, slug: 'ana-ito', name: 'Ana Ito' },
  { id: 2, slug: 'ben-ode', name: 'Ben Ode' },
  { id: 3, slug: 'kim-lee', name: 'Kim Lee' },
  { id: 4, slug: 'kim-lee-2', name: 'Kim Lee' },
];

describe('reading the Bylines field', () => {
  it('takes names in any case and slugs, in the order typed', () => {
    expect(readBylines('ben ODE,  ana-ito', AUTHORS)).toEqual({ ok: true, ids: [2, 1] });
  });

  it('reads an author named twice as one byline and an empty field as none', () => {
    expect(readBylines('Ana Ito, ana-ito, ', AUTHORS)).toEqual({ ok: true, ids: [1] });
    expect(readBylines(' , ', AUTHORS)).toEqual({ ok: true, ids: [] });
  });

  it('asks for a slug when two authors share the name', () => {
    const reading = readBylines('Kim Lee', AUTHORS);
    expect(reading).toEqual({
      ok: false,
      unknown: [],
      ambiguous: [{ typed: 'Kim Lee', slugs: ['kim-lee', 'kim-lee-2'] }],
    });
    expect(readBylines('kim-lee-2', AUTHORS)).toEqual({ ok: true, ids: [4] });
  });

  it('says how to add an unknown author', () => {
    const reading = readBylines('Ana Ito, Cy Young', AUTHORS);
    expect(reading).toEqual({ ok: false, unknown: ['Cy Young'], ambiguous: [] });
    if (reading.ok) return;
    expect(bylineProblem(reading)).toBe(
      'No author is called "Cy Young". Add the author on the Authors page of the newsroom (editors and admins), ' +
        'or with: npx dateline author add --name "Cy Young"; then save again.',
    );
  });
});
