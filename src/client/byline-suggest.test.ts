import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { suggestBylines } from './byline-suggest.js';

/** The little of an input and a datalist the type-ahead touches, so it runs without a browser. */
class FakeInput {
  value = '';
  private listener: (() => void) | null = null;
  addEventListener(_type: 'input', listener: () => void): void {
    this.listener = listener;
  }
  type(value: string): void {
    this.value = value;
    this.listener?.();
  }
}

class FakeList {
  constructor(public options: { value: string }[]) {}
  replaceChildren(...options: { value: string }[]): void {
    this.options = options;
  }
}

const AUTHORS = ['Tom Baker', 'Mei Aoki', 'Ji-woo Han'];

describe('the Bylines type-ahead', () => {
  let input: FakeInput;
  let list: FakeList;
  const offered = (typed: string): string[] => {
    input.type(typed);
    return list.options.map((o) => o.value);
  };

  beforeEach(() => {
    vi.stubGlobal('document', { createElement: () => ({ value: '' }) });
    input = new FakeInput();
    list = new FakeList(AUTHORS.map((value) => ({ value })));
    suggestBylines(input as unknown as HTMLInputElement, list as unknown as HTMLDataListElement);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('offers the authors whose name holds what is typed, in any case', () => {
    expect(offered('ao')).toEqual(['Mei Aoki']);
    expect(offered('HAN')).toEqual(['Ji-woo Han']);
  });

  it('completes the entry after the last comma, keeping the names before it', () => {
    expect(offered('Tom Baker, mei')).toEqual(['Tom Baker, Mei Aoki']);
  });

  it('leaves out the authors already named, however they were typed', () => {
    expect(offered('tom baker, ')).toEqual(['tom baker, Mei Aoki', 'tom baker, Ji-woo Han']);
    expect(offered('Tom Baker, Mei Aoki,')).toEqual(['Tom Baker, Mei Aoki, Ji-woo Han']);
  });

  it('offers nothing for a name no author has', () => {
    expect(offered('Nobody')).toEqual([]);
  });
});
