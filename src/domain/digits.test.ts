import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupDigits } from './digits.js';

describe('grouping digits', () => {
  it('writes counts as English and Japanese pages print them', () => {
    expect(groupDigits(0)).toBe('0');
    expect(groupDigits(999)).toBe('999');
    expect(groupDigits(1000)).toBe('1,000');
    expect(groupDigits(12_345)).toBe('12,345');
    expect(groupDigits(1_234_567)).toBe('1,234,567');
    expect(groupDigits(-4_500)).toBe('-4,500');
    expect(groupDigits(2048.5)).toBe('2,048.5');
  });

  it('gives what ICU gives for English and Japanese, for any whole number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
        expect(groupDigits(n)).toBe(n.toLocaleString('ja-JP'));
      }),
    );
  });

  it('leaves numbers without digits to group as ICU writes them', () => {
    expect(groupDigits(Number.NaN)).toBe('NaN');
    expect(groupDigits(Infinity)).toBe('∞');
    expect(groupDigits(1e21)).toBe((1e21).toLocaleString('en-US'));
  });
});
