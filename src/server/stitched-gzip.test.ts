import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants as zlibConstants, crc32, createGunzip, deflateRawSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  lightPiece,
  storedPiece,
  crc32Combine,
  deflatePiece,
  inflateMember,
  packPieces,
  stitchGzip,
  unpackPieces,
  type DeflatedPiece,
} from './stitched-gzip.js';

/** A small seeded generator (mulberry32), so a failing split can be replayed. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
};

/** `bytes` cut at `cuts` (byte offsets, in any order), each part deflated on its own. */
const piecesOf = (bytes: Buffer, cuts: readonly number[]): DeflatedPiece[] => {
  const at = [0, ...[...cuts].sort((a, b) => a - b), bytes.byteLength];
  return at.slice(1).map((end, i) => deflatePiece(bytes.subarray(at[i], end)));
};

const randomCuts = (length: number, count: number, random: () => number) =>
  Array.from({ length: count }, () => Math.floor(random() * (length + 1)));

/** Feeds the member to node's streaming gunzip a few hundred bytes at a time, as a socket would. */
const gunzipStreaming = async (member: Buffer): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  const parts = Array.from({ length: Math.ceil(member.byteLength / 300) }, (_, i) =>
    member.subarray(i * 300, (i + 1) * 300),
  );
  await pipeline(Readable.from(parts), createGunzip(), async (inflated: AsyncIterable<Buffer>) => {
    for await (const chunk of inflated) chunks.push(chunk);
  });
  return Buffer.concat(chunks);
};

/** The web platform's API. Node builds it on the same zlib, but it reads through WHATWG streams and its own checks. */
const gunzipWeb = async (member: Buffer): Promise<Buffer> => {
  const stream = new Blob([new Uint8Array(member)]).stream().pipeThrough(new DecompressionStream('gzip'));
  return Buffer.from(await new Response(stream).arrayBuffer());
};

/**
 * GNU gzip, whose inflate is its own code rather than zlib's: the one decoder here that shares nothing with the
 * encoder. Skipped where the binary is missing.
 */
const HAS_GZIP = spawnSync('gzip', ['--version']).status === 0;
const gunzipCli = (member: Buffer): Buffer => {
  const run = spawnSync('gzip', ['-dc'], { input: member, maxBuffer: 1 << 22 });
  if (run.status !== 0) throw new Error(`gzip -dc: ${run.stderr.toString()}`);
  return run.stdout;
};

/** Every decoder must read the stitched member back as `expected`, and inflateMember must agree. */
const expectDecodes = async (pieces: readonly DeflatedPiece[], expected: Buffer) => {
  const member = stitchGzip(pieces);
  expect(gunzipSync(member).equals(expected)).toBe(true);
  expect((await gunzipStreaming(member)).equals(expected)).toBe(true);
  expect((await gunzipWeb(member)).equals(expected)).toBe(true);
  expect(inflateMember(member, expected.byteLength).equals(expected)).toBe(true);
};

const JAPANESE =
  '東京都は二十一日、新しい防災計画を発表した。首都直下地震に備え、避難所の数を増やし、' +
  '高齢者や外国人住民への情報提供を強化する。知事は「命を守ることを最優先にする」と述べた。';

describe('stitchGzip', () => {
  it('makes one valid member of a single piece', async () => {
    const page = Buffer.from('<!doctype html><title>One piece</title><p>' + 'Lorem ipsum. '.repeat(200));
    await expectDecodes([deflatePiece(page)], page);
  });

  it('writes the same header as gzipSync, and a buffer that owns exactly its bytes', () => {
    const member = stitchGzip([deflatePiece('abc')]);
    expect(member.subarray(0, 10)).toEqual(gzipSync('abc').subarray(0, 10));
    expect(member.buffer.byteLength).toBe(member.byteLength);
  });

  it('stitches many pieces in order', async () => {
    const parts = Array.from({ length: 40 }, (_, i) => `<section id="s${i}">${'part ' + i + ' '.repeat(i)}</section>`);
    await expectDecodes(
      parts.map((p) => deflatePiece(p)),
      Buffer.from(parts.join('')),
    );
  });

  it('accepts empty pieces, whether deflated to the sync marker or to no bytes at all', async () => {
    const bare: DeflatedPiece = { deflated: Buffer.alloc(0), crc: 0, length: 0 };
    const marker = deflatePiece('');
    expect(marker).toMatchObject({ crc: 0, length: 0 });
    const pieces = [bare, marker, deflatePiece('<head>'), bare, marker, deflatePiece('</head>'), marker, bare];
    await expectDecodes(pieces, Buffer.from('<head></head>'));
    await expectDecodes([], Buffer.alloc(0));
    await expectDecodes([bare, marker], Buffer.alloc(0));
  });

  it('rejoins multibyte UTF-8 cut at arbitrary byte offsets, mid-character included', async () => {
    const text = Buffer.from(JAPANESE.repeat(30));
    const random = seeded(20260121);
    for (let round = 0; round < 20; round++) {
      const cuts = randomCuts(text.byteLength, 1 + Math.floor(random() * 8), random);
      await expectDecodes(piecesOf(text, cuts), text);
    }
    // A cut one byte into a three-byte character.
    await expectDecodes(piecesOf(text, [1, 4, 5]), text);
  });

  it('stitches a megabyte of random text in pieces of every size', async () => {
    const random = seeded(7);
    const words = ['the', 'council', 'voted', '予算', 'on', 'Tuesday', 'über', 'budget', '\n', 'a', 'school'];
    const parts: string[] = [];
    for (let size = 0; size < 1 << 20;) {
      const word = words[Math.floor(random() * words.length)]! + (random() < 0.1 ? String(random()) : ' ');
      parts.push(word);
      size += Buffer.byteLength(word);
    }
    const text = Buffer.from(parts.join(''));
    await expectDecodes(piecesOf(text, randomCuts(text.byteLength, 12, random)), text);
  });

  it('stitches pieces deflated at other levels, stored blocks included', async () => {
    const text = Buffer.from(JAPANESE.repeat(5));
    const pieces = [0, 1, 9, 6].map((level, i) =>
      deflatePiece(text.subarray(i * 100, i === 3 ? undefined : (i + 1) * 100), level),
    );
    await expectDecodes(pieces, text);
  });

  it('stitches light pieces (a small window) among deflated and stored ones', async () => {
    const text = Buffer.from(JAPANESE.repeat(30));
    const thirds = [0, 700, 1500, text.byteLength];
    const makers = [lightPiece, deflatePiece, storedPiece];
    const pieces = makers.map((make, i) => make(text.subarray(thirds[i], thirds[i + 1])));
    expect(pieces[0]!.deflated.byteLength).toBeLessThan(700);
    await expectDecodes(pieces, text);
  });

  it('makes light pieces of text one after another from one buffer written again each time, each standing alone', async () => {
    // Each piece's bytes are written into one buffer reused between calls: a piece must not depend on it afterwards.
    const texts = ['', JAPANESE.repeat(2), 'x'.repeat(70_000), JAPANESE.repeat(900), '<li>short</li>'];
    const reused = Buffer.alloc(Math.max(...texts.map((t) => Buffer.byteLength(t))));
    const pieces = texts.map((t) => lightPiece(reused.subarray(0, reused.write(t))));
    await expectDecodes(pieces, Buffer.from(texts.join('')));
    texts.forEach((t, i) => expect(pieces[i]!.length).toBe(Buffer.byteLength(t)));
  });

  it('stitches stored pieces among deflated ones: empty, small, and over one stored block (65,535 bytes)', async () => {
    const text = Buffer.from(JAPANESE.repeat(600));
    expect(text.byteLength).toBeGreaterThan(2 * 0xffff);
    const cuts = [0, 0, 10, 300, 300 + 0xffff, 300 + 0xffff + 7, text.byteLength - 5];
    const pieces = [...cuts, text.byteLength].slice(1).map((end, i) => {
      const part = text.subarray(cuts[i], end);
      return i % 2 === 0 ? storedPiece(part) : deflatePiece(part);
    });
    await expectDecodes(
      [storedPiece(''), ...pieces, storedPiece(text.subarray(0, 2 * 0xffff + 1))],
      Buffer.concat([text, text.subarray(0, 2 * 0xffff + 1)]),
    );
  });
});

describe.skipIf(!HAS_GZIP)('stitchGzip read by GNU gzip', () => {
  it('decodes pieces with empty ones and multibyte text cut mid-character', () => {
    const text = Buffer.from(JAPANESE.repeat(40));
    const pieces = [deflatePiece(''), ...piecesOf(text, [1, 2, 1000, 1001, 3000]), deflatePiece('')];
    expect(gunzipCli(stitchGzip(pieces)).equals(text)).toBe(true);
  });
});

describe('crc32Combine', () => {
  it('equals the CRC-32 of the concatenation for any split', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.nat(), (bytes, cut) => {
        const whole = Buffer.from(bytes);
        const at = whole.byteLength === 0 ? 0 : cut % (whole.byteLength + 1);
        const a = whole.subarray(0, at);
        const b = whole.subarray(at);
        expect(crc32Combine(crc32(a), crc32(b), b.byteLength)).toBe(crc32(whole));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves crc1 alone when B is empty', () => {
    for (const crc of [0, 1, 0x12345678, 0xffffffff]) expect(crc32Combine(crc, 0, 0)).toBe(crc);
  });

  it('handles a B of 2^31 bytes and more', () => {
    // zlib.crc32 takes the register to start from: crc32(B, crc(A)) is the CRC of A followed by B.
    const zeros = Buffer.alloc(1 << 26);
    const a = Buffer.from('the head of the page');
    let ofB = 0;
    let ofAB = crc32(a);
    for (let i = 0; i < 32; i++) {
      ofB = crc32(zeros, ofB);
      ofAB = crc32(zeros, ofAB);
    }
    const tail = Buffer.from('and its tail');
    ofB = crc32(tail, ofB);
    ofAB = crc32(tail, ofAB);
    expect(crc32Combine(crc32(a), ofB, 2 ** 31 + tail.byteLength)).toBe(ofAB);
  });

  it('agrees with itself past 2^32 bytes, where the length is walked as a double', () => {
    // With crc2 = 0 a combine is a multiplication by x^(8·length), so lengths must add up.
    const random = seeded(32);
    for (let i = 0; i < 200; i++) {
      const [l1, l2] = [Math.floor(random() * 2 ** 52), Math.floor(random() * 2 ** 33)];
      const crc = Math.floor(random() * 2 ** 32);
      expect(crc32Combine(crc32Combine(crc, 0, l1), 0, l2)).toBe(crc32Combine(crc, 0, l1 + l2));
    }
  });

  it('refuses a length that is not a whole number of bytes', () => {
    expect(() => crc32Combine(1, 2, -1)).toThrow(RangeError);
    expect(() => crc32Combine(1, 2, 1.5)).toThrow(RangeError);
  });
});

describe('packPieces and unpackPieces', () => {
  const pieces = piecesOf(Buffer.from(JAPANESE + '<p>tail</p>'), [0, 7, 50]);

  it('round-trips pieces as views into the blob', async () => {
    // Stored at an offset inside a larger buffer, as a database driver may hand a blob back.
    const packed = packPieces(pieces);
    const host = Buffer.alloc(packed.byteLength + 11);
    packed.copy(host, 5);
    const blob = new Uint8Array(host.buffer, 5, packed.byteLength);
    const back = unpackPieces(blob);
    expect(back).toEqual(pieces);
    for (const piece of back) expect(piece.deflated.buffer).toBe(host.buffer);
    await expectDecodes(back, Buffer.from(JAPANESE + '<p>tail</p>'));
  });

  it('round-trips no pieces at all', () => {
    expect(unpackPieces(packPieces([]))).toEqual([]);
  });

  it('throws on every truncation of a blob, on bytes left over, and on an impossible count', () => {
    const packed = packPieces(pieces);
    for (let length = 0; length < packed.byteLength; length++) {
      expect(() => unpackPieces(packed.subarray(0, length)), `truncated to ${length}`).toThrow(/malformed blob/);
    }
    expect(() => unpackPieces(Buffer.concat([packed, Buffer.of(0)]))).toThrow(/after the last piece/);
    const huge = Buffer.from(packed);
    huge.writeUInt32LE(0xffffffff, 0);
    expect(() => unpackPieces(huge)).toThrow(/cannot fit/);
  });
});

describe('deflatePiece', () => {
  it('ends each piece in a sync flush: byte-aligned and not final', () => {
    const piece = deflatePiece('<p>some text</p>');
    expect(piece.deflated.subarray(-4)).toEqual(Buffer.from([0x00, 0x00, 0xff, 0xff]));
    expect(piece.deflated).toEqual(
      deflateRawSync('<p>some text</p>', { level: 6, finishFlush: zlibConstants.Z_SYNC_FLUSH }),
    );
  });
});
