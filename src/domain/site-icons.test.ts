import { describe, expect, it } from 'vitest';
import { initialsOf, initialsSvg, packIco, webManifest } from './site-icons.js';

describe('initialsOf', () => {
  it('takes the first letters of the first two words that carry the name', () => {
    expect(initialsOf('Dateline News')).toBe('DN');
    expect(initialsOf('The Daily Ledger of Leeds')).toBe('DL');
    expect(initialsOf('ledger')).toBe('L');
    expect(initialsOf('Ōsaka Shimbun')).toBe('ŌS');
  });

  it('keeps minor words when they are all there is, and answers "?" for a name without letters', () => {
    expect(initialsOf('The A')).toBe('TA');
    expect(initialsOf('— !')).toBe('?');
  });
});

describe('initialsSvg', () => {
  it('escapes the letters it draws', () => {
    expect(initialsSvg('<&')).toContain('&#60;&#38;</text>');
  });
});

describe('packIco', () => {
  it('writes a header, one entry per image pointing at its bytes, then the images', () => {
    const a = new Uint8Array([1, 2, 3]);
    const b = new Uint8Array([4, 5]);
    const ico = Buffer.from(
      packIco([
        { size: 16, png: a },
        { size: 256, png: b },
      ]),
    );
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 2]);
    // Entry 1: 16×16, 3 bytes at offset 6 + 2 × 16 = 38; entry 2: 256 written as 0, 2 bytes at 41.
    expect([ico[6], ico[7], ico.readUInt32LE(6 + 8), ico.readUInt32LE(6 + 12)]).toEqual([16, 16, 3, 38]);
    expect([ico[22], ico[23], ico.readUInt32LE(22 + 8), ico.readUInt32LE(22 + 12)]).toEqual([0, 0, 2, 41]);
    expect([...ico.subarray(38)]).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('webManifest', () => {
  it('names the publication and lists the two app icons', () => {
    const manifest = webManifest({ publicationName: 'The Ledger', shortName: 'TL', language: 'en' });
    expect(manifest).toMatchObject({ name: 'The Ledger', short_name: 'TL', lang: 'en', start_url: '/' });
    expect(manifest.icons.map((i) => i.sizes)).toEqual(['192x192', '512x512']);
  });
});
