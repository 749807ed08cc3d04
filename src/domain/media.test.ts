import { describe, expect, it } from 'vitest';
import { avifWidthOfName, VARIANT_NAME_PATTERN, variantName } from './media.js';

describe('AVIF variant names', () => {
  it('are variant names like the WebP and JPEG ones', () => {
    expect(variantName(800, 'avif')).toBe('w800.avif');
    expect(VARIANT_NAME_PATTERN.test('w800.avif')).toBe(true);
  });

  it('give their width, and no width for any other name', () => {
    expect(avifWidthOfName('w1200.avif')).toBe(1200);
    expect(avifWidthOfName('w1200.webp')).toBeNull();
    expect(avifWidthOfName('c16x9.jpg')).toBeNull();
    expect(avifWidthOfName('w0800.avif')).toBeNull();
    expect(avifWidthOfName('w800.avif.jpg')).toBeNull();
  });
});
