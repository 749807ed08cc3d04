import { describe, expect, it } from 'vitest';
import { askInTurn } from './render-pages.js';

describe('askInTurn', () => {
  it('lets the event loop run what each answer queued before asking the next, when every answer resolves at once', async () => {
    // Like an inject on SQLite: resolved within the turn, leaving a setImmediate behind that holds the response.
    let queued = 0;
    let ran = 0;
    const ranWhenAsked: number[] = [];
    const ask = (path: string): Promise<string> => {
      ranWhenAsked.push(ran);
      queued++;
      setImmediate(() => ran++);
      return Promise.resolve(path.toUpperCase());
    };
    const paths = Array.from({ length: 200 }, (_, i) => `/a/${i}`);
    const answers = await askInTurn(paths, ask);
    expect(answers).toEqual(paths.map((p) => p.toUpperCase()));
    expect(queued).toBe(200);
    // Before each ask, every immediate the asks before it queued has run.
    expect(ranWhenAsked).toEqual(paths.map((_, i) => i));
  });
});
