import { constants as zlibConstants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createKeptDeflater, LIGHT_DEFLATE } from './kept-deflater.js';

const deflatedAlone = (bytes: Buffer) =>
  deflateRawSync(bytes, { ...LIGHT_DEFLATE, finishFlush: zlibConstants.Z_SYNC_FLUSH });

/** Markup-like text of about `size` bytes, different for each seed, so the stream's earlier inputs cannot help. */
const markup = (size: number, seed: number): Buffer => {
  let text = '';
  for (let i = 0; text.length < size; i++)
    text += `<li><a href="/national/2026/11/${(seed * 31 + i) % 97}/story-${seed}-${i}/">Headline ${seed}.${i} 「見出し」</a></li>`;
  return Buffer.from(text.slice(0, size));
};

describe('a deflater kept between pieces', () => {
  it('gives for each piece the bytes a new stream gives it, whatever came before', () => {
    const deflate = createKeptDeflater(LIGHT_DEFLATE);
    // Sizes around its 16 KB output buffer and well past it (the buffer grows), and an empty piece.
    const sizes = [2_900, 0, 40, 16_000, 70_000, 3_100, 1, 250_000, 2_800];
    sizes.forEach((size, seed) => {
      const bytes = markup(size, seed);
      const kept = deflate(bytes);
      expect(kept.equals(deflatedAlone(bytes))).toBe(true);
      expect(inflateRawSync(kept, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).equals(bytes)).toBe(true);
    });
  });

  it('hands out pieces that later pieces do not overwrite', () => {
    const deflate = createKeptDeflater(LIGHT_DEFLATE);
    const first = markup(3_000, 1);
    const kept = deflate(first);
    const copy = Buffer.from(kept);
    deflate(markup(3_000, 2));
    deflate(markup(30_000, 3));
    expect(kept.equals(copy)).toBe(true);
  });

  it('ends each piece on a byte boundary with the sync marker, so pieces stitch', () => {
    const deflate = createKeptDeflater(LIGHT_DEFLATE);
    const piece = deflate(markup(2_000, 4));
    expect([...piece.subarray(-4)]).toEqual([0x00, 0x00, 0xff, 0xff]);
  });
});
