import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { preferredEncoding } from './accept-encoding.js';

describe('preferredEncoding', () => {
  it('sends as it is to a client that sent no Accept-Encoding, or an empty one', () => {
    expect(preferredEncoding(undefined)).toBe('identity');
    expect(preferredEncoding('')).toBe('identity');
  });

  it('prefers Brotli in the lists browsers send, and gzip to clients that take only gzip', () => {
    expect(preferredEncoding('gzip, deflate, br')).toBe('br');
    expect(preferredEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(preferredEncoding('br')).toBe('br');
    expect(preferredEncoding('gzip, deflate')).toBe('gzip');
    expect(preferredEncoding('gzip')).toBe('gzip');
    expect(preferredEncoding('x-gzip')).toBe('gzip');
  });

  it('reads coding names in any case, and only whole names', () => {
    expect(preferredEncoding('GZIP, BR')).toBe('br');
    expect(preferredEncoding('Gzip')).toBe('gzip');
    expect(preferredEncoding('brotli, gzipped')).toBe('identity');
    expect(preferredEncoding('deflate, identity')).toBe('identity');
  });

  it('never sends a coding weighted q=0', () => {
    expect(preferredEncoding('br;q=0, gzip')).toBe('gzip');
    expect(preferredEncoding('gzip, deflate, br;q=0')).toBe('gzip');
    expect(preferredEncoding('gzip;q=0, br;q=0')).toBe('identity');
    expect(preferredEncoding('gzip;q=0.000')).toBe('identity');
    expect(preferredEncoding('*, br;q=0')).toBe('gzip');
  });

  it('sends the coding with the higher weight, and Brotli when they tie', () => {
    expect(preferredEncoding('gzip;q=1.0, br;q=0.5')).toBe('gzip');
    expect(preferredEncoding('gzip;q=0.5, br;q=0.8')).toBe('br');
    expect(preferredEncoding('gzip;q=0.5, br;q=0.5')).toBe('br');
    expect(preferredEncoding('gzip, br;q=0.999')).toBe('gzip');
    expect(preferredEncoding('gzip ; Q = 0.2 , br ; q = 0.1')).toBe('gzip');
  });

  it('lets * stand for the codings not named', () => {
    expect(preferredEncoding('*')).toBe('br');
    expect(preferredEncoding('gzip, *;q=0.1')).toBe('gzip');
    expect(preferredEncoding('identity, *;q=0')).toBe('identity');
  });

  it('leaves out an element whose weight is no qvalue, rather than sending what it may refuse', () => {
    expect(preferredEncoding('br;q=high, gzip')).toBe('gzip');
    expect(preferredEncoding('br;q=2, gzip;q=0.5')).toBe('gzip');
    expect(preferredEncoding('br;q=0.1234')).toBe('identity');
  });

  it('answers a list without weights as the full reading of the same list does', () => {
    // A weight of 1 on the last element changes nothing a client meant, but takes the element-by-element reading:
    // the shortcut for unweighted lists must agree with it on every list.
    const coding = fc.constantFrom(
      'br',
      'BR',
      'gzip',
      'x-gzip',
      'Gzip',
      'deflate',
      'zstd',
      'identity',
      'compress',
      'brr',
    );
    const space = fc.constantFrom('', ' ', '  ', '\t');
    const list = fc
      .array(fc.tuple(space, coding, space), { minLength: 1, maxLength: 5 })
      .map((xs) => xs.map(([a, c, b]) => `${a}${c}${b}`).join(','));
    fc.assert(
      fc.property(list, (header) => {
        expect(preferredEncoding(header)).toBe(preferredEncoding(`${header};q=1`));
      }),
    );
  });
});
