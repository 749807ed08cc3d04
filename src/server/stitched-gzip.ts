import { constants as zlibConstants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { createKeptDeflater, LIGHT_DEFLATE } from './kept-deflater.js';

const lightDeflate = createKeptDeflater(LIGHT_DEFLATE);

/**
 * A piece of a page: its bytes deflated (raw deflate, ending in a Z_SYNC_FLUSH: byte-aligned, not final), with the
 * CRC-32 and length of what it inflates to.
 */
export interface DeflatedPiece {
  deflated: Buffer;
  crc: number;
  length: number;
}

/** The page cache's gzip level (page-cache.ts's codedBody), so a stitched page is as small as a gzipped one. */
const PAGE_GZIP_LEVEL = 6;

/**
 * Each piece is its own deflate stream, so none refers back into another and they can be laid side by side; the
 * sync flush ends it on a byte boundary without a final block, so the next piece's blocks may follow. An empty
 * input deflates to the bare sync marker (00 00 00 ff ff), which stitches like any other piece.
 */
export const deflatePiece = (text: string | Buffer, level = PAGE_GZIP_LEVEL): DeflatedPiece => {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  return {
    deflated: deflateRawSync(bytes, { level, finishFlush: zlibConstants.Z_SYNC_FLUSH }),
    crc: crc32(bytes),
    length: bytes.byteLength,
  };
};

/**
 * A small piece made for each answer (an article page's end lists, two or three KB of list markup), deflated with a
 * 4 KB window, a mid-sized hash table and a fast level: a default stream's quarter megabyte of state, allocated and
 * freed at each answer, cost 100-350 µs under load. Measured on such a list (2.9 KB, one call at a time, median of
 * eight rounds of 2,000): a 512-byte window and the smallest table cost 80 µs for 1,369 bytes (its hash chains are
 * long and its matches short), these settings 26 µs for 915 bytes, the defaults 42 µs for 888 bytes. A decoder with
 * the usual 32 KB window reads it like any other deflate data. One zlib stream is kept and reset for each piece
 * (kept-deflater.ts): building a stream per call was most of what the piece cost. The bytes may be a buffer the caller
 * writes again afterwards (article-pieces.tsx joins each answer's lists into one): nothing made keeps them.
 */
export const lightPiece = (bytes: Buffer): DeflatedPiece => ({
  deflated: lightDeflate(bytes),
  crc: crc32(bytes),
  length: bytes.byteLength,
});

/** A stored block holds at most this many bytes (its LEN field is 16 bits). */
const STORED_MAX = 0xffff;

/**
 * A piece kept as it is, in stored (uncompressed) deflate blocks: what is made for each answer (an article page's end
 * lists and beacon tag, a couple of kilobytes). A zlib stream per answer cost 100-350 µs under load (its 256 KB of
 * state allocated and freed each time), against a few µs to frame the bytes; they travel a kilobyte or two larger.
 * Each block starts on a byte boundary, as the pieces before it end: a header byte 00 (not final, type 00, the
 * padding to the boundary), then LEN and its ones' complement NLEN, little-endian, then the bytes.
 */
export const storedPiece = (text: string | Buffer): DeflatedPiece => {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const blocks = Math.max(1, Math.ceil(bytes.byteLength / STORED_MAX));
  const deflated = Buffer.allocUnsafe(bytes.byteLength + 5 * blocks);
  let at = 0;
  for (let from = 0, i = 0; i < blocks; i++, from += STORED_MAX) {
    const length = Math.min(STORED_MAX, bytes.byteLength - from);
    deflated[at] = 0;
    deflated.writeUInt16LE(length, at + 1);
    deflated.writeUInt16LE(~length & 0xffff, at + 3);
    bytes.copy(deflated, at + 5, from, from + length);
    at += 5 + length;
  }
  return { deflated, crc: crc32(bytes), length: bytes.byteLength };
};

// CRC-32 as polynomials over GF(2), reflected as the CRC is: bit 31 holds x^0, bit 0 holds x^31.
const CRC_POLY = 0xedb88320;
const X_POW_0 = 0x80000000;

/** b(x)·x mod p(x): one step of the CRC's shift register. */
const timesX = (b: number): number => (b & 1 ? (b >>> 1) ^ CRC_POLY : b >>> 1);

/** a(x)·b(x) mod p(x), used only to build the tables below. `a` must not be zero (here it is a power of x). */
const multModP = (a: number, b: number): number => {
  let product = 0;
  for (let m = X_POW_0; ; m >>>= 1) {
    if (a & m) {
      product ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    b = timesX(b);
  }
  return product >>> 0;
};

/**
 * x^(2^k) mod p for k = 0..31, by repeated squaring. x's order modulo p divides 2^32 - 1, so x^(2^32) = x and the
 * powers repeat after 32: a longer exponent wraps around (as zlib's crc32_combine does).
 */
const X_POW_2K: number[] = [X_POW_0 >>> 1];
for (let k = 1; k < 32; k++) X_POW_2K.push(multModP(X_POW_2K[k - 1]!, X_POW_2K[k - 1]!));

/**
 * Multiplying by a fixed power of x is linear over the bits of the other factor, so it is kept as a table: for each
 * k, what each of the eight nibbles of a CRC becomes, 16 entries a nibble (16 KB in all). A multiplication is then
 * eight look-ups instead of multModP's 32 shift-and-xor steps: measured, a combine for a 3-4 KB piece fell from
 * 1.4 µs to 45 ns, where zlib.crc32 of a whole 16 KB page takes 3-4 µs.
 */
const TIMES_X_POW_2K = new Uint32Array(32 * 8 * 16);
for (let k = 0; k < 32; k++) {
  // x^(2^k)·x^j for j = 0..31, by shifting rather than by multModP: the table is built in about a millisecond.
  const ofBit = new Array<number>(32);
  for (let j = 0, product = X_POW_2K[k]!; j < 32; j++, product = timesX(product)) ofBit[31 - j] = product;
  for (let nibble = 0; nibble < 8; nibble++) {
    const row = (k * 8 + nibble) * 16;
    for (let v = 1; v < 16; v++) {
      const low = v & -v;
      TIMES_X_POW_2K[row + v] = TIMES_X_POW_2K[row + (v ^ low)]! ^ ofBit[4 * nibble + 31 - Math.clz32(low)]!;
    }
  }
}

const timesXPow2K = (k: number, c: number): number => {
  const row = (k & 31) * 128;
  const t = TIMES_X_POW_2K;
  return (
    (t[row + (c & 15)]! ^
      t[row + 16 + ((c >>> 4) & 15)]! ^
      t[row + 32 + ((c >>> 8) & 15)]! ^
      t[row + 48 + ((c >>> 12) & 15)]! ^
      t[row + 64 + ((c >>> 16) & 15)]! ^
      t[row + 80 + ((c >>> 20) & 15)]! ^
      t[row + 96 + ((c >>> 24) & 15)]! ^
      t[row + 112 + (c >>> 28)]!) >>>
    0
  );
};

/**
 * The CRC-32 of A followed by B, from crc(A), crc(B) and B's length in bytes. The register after A, carried
 * through B's 8·length2 bits with no input, is crc1·x^(8·length2) mod p; the CRC's pre- and post-inversion cancel
 * out in the xor with crc2. crc1 is multiplied by x^(2^k) once per set bit k of the bit count, 8·length2.
 */
export const crc32Combine = (crc1: number, crc2: number, length2: number): number => {
  if (!Number.isSafeInteger(length2) || length2 < 0) throw new RangeError(`crc32Combine: bad length ${length2}`);
  let crc = crc1 >>> 0;
  // 8 = 2^3: the length's lowest bit stands for x^(2^3), one byte.
  let k = 3;
  let n = length2;
  // Past 32 bits the length is halved as a double; below, as an integer, which is several times faster.
  for (; n > 0xffffffff; n = Math.floor(n / 2), k++) if (n % 2) crc = timesXPow2K(k, crc);
  for (; n !== 0; n >>>= 1, k++) if (n & 1) crc = timesXPow2K(k, crc);
  return (crc ^ crc2) >>> 0;
};

/**
 * OS 3 (Unix): what gzipSync writes on the machines this runs on, so a stitched page's header is the same as the
 * page cache's. XFL 0: zlib's own value for level 6.
 */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]);
/** A final fixed-Huffman block holding only its end code: BFINAL 1, BTYPE 01, then seven zero bits, padded. */
const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]);
/** A gzip member ends in the CRC-32 of what it inflates to and that length mod 2^32, little-endian (RFC 1952). */
export const GZIP_TRAILER_BYTES = 8;

/**
 * One gzip member made of the pieces in order, without compressing anything again. The result is allocated once
 * at its exact size and outside the shared pool (page-cache.ts's ownCopy says why: a cached body must own exactly
 * its bytes).
 */
export const stitchGzip = (pieces: readonly DeflatedPiece[]): Buffer => {
  let size = GZIP_HEADER.byteLength + FINAL_EMPTY_BLOCK.byteLength + GZIP_TRAILER_BYTES;
  for (const piece of pieces) size += piece.deflated.byteLength;
  const out = Buffer.allocUnsafeSlow(size);
  let at = GZIP_HEADER.copy(out, 0);
  let crc = 0;
  let length = 0;
  for (const piece of pieces) {
    at += piece.deflated.copy(out, at);
    crc = crc32Combine(crc, piece.crc, piece.length);
    length += piece.length;
  }
  at += FINAL_EMPTY_BLOCK.copy(out, at);
  at = out.writeUInt32LE(crc, at);
  out.writeUInt32LE(length % 2 ** 32, at);
  return out;
};

/** Deflate's largest ratio (a 258-byte match in one 2-bit code, four to a byte, less headers) is about 1032:1. */
const MAX_INFLATE_RATIO = 1032;

/**
 * The identity bytes of a member stitchGzip made, `length` of them: its deflate data inflated in place, between the
 * header and the trailer. A stitched page is kept with its member only, not with the pieces it was made of (an
 * article's kept row, some 5 KB, held by every cached page until its body was asked for: 2.4 MB of a server's
 * memory after the archive walk, record 0030). Measured on a 16 KB page in 9 pieces (Node 20, level 6, medians of 15
 * rounds of 2,000 on an idle 2-core machine): 20 µs, against 22 µs to join the pieces and inflate them (as before)
 * and 21 µs for gunzipSync of the member, which checks its CRC again.
 *
 * The output chunk is sized to the page's length, so zlib answers with one buffer of exactly the page rather than a
 * slice of its default 16 KB chunk (page-cache.ts's ownCopy: a cached body should own its bytes; a page under 4 KB
 * still lands in Buffer's shared 8 KB pool). The size is capped by what the deflated bytes could inflate to, so a
 * wrong length cannot size a huge chunk.
 */
export const inflateMember = (member: Buffer, length: number): Buffer => {
  const deflated = member.subarray(GZIP_HEADER.byteLength, member.byteLength - GZIP_TRAILER_BYTES);
  const chunkSize = Math.max(zlibConstants.Z_MIN_CHUNK, Math.min(length, deflated.byteLength * MAX_INFLATE_RATIO));
  return inflateRawSync(deflated, { chunkSize });
};

/** Per piece: crc u32, length u32, deflated length u32 (little-endian, as gzip's own fields). */
const PIECE_HEADER_BYTES = 12;

/**
 * Pieces in one blob for storage: a u32 count, then per piece its crc, length and deflated length (u32 each,
 * little-endian) and the deflated bytes.
 */
export const packPieces = (pieces: readonly DeflatedPiece[]): Buffer => {
  let size = 4;
  for (const piece of pieces) size += PIECE_HEADER_BYTES + piece.deflated.byteLength;
  const out = Buffer.allocUnsafeSlow(size);
  let at = out.writeUInt32LE(pieces.length, 0);
  for (const piece of pieces) {
    at = out.writeUInt32LE(piece.crc >>> 0, at);
    at = out.writeUInt32LE(piece.length, at);
    at = out.writeUInt32LE(piece.deflated.byteLength, at);
    at += piece.deflated.copy(out, at);
  }
  return out;
};

/**
 * The pieces of a packPieces blob, as views into it: nothing is copied, so they keep the blob alive. Throws on a
 * blob that is truncated, has bytes left over, or claims more pieces than it could hold; the caller treats that
 * like a missing blob and renders the page afresh.
 */
export const unpackPieces = (blob: Uint8Array): DeflatedPiece[] => {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const malformed = (why: string) => new Error(`unpackPieces: malformed blob of ${buf.byteLength} bytes: ${why}`);
  if (buf.byteLength < 4) throw malformed('no piece count');
  const count = buf.readUInt32LE(0);
  // Checked before allocating anything: a corrupt count must not size an array.
  if (count * PIECE_HEADER_BYTES > buf.byteLength - 4) throw malformed(`${count} pieces cannot fit`);
  const pieces: DeflatedPiece[] = new Array(count);
  let at = 4;
  for (let i = 0; i < count; i++) {
    if (at + PIECE_HEADER_BYTES > buf.byteLength) throw malformed(`piece ${i} header truncated`);
    const crc = buf.readUInt32LE(at);
    const length = buf.readUInt32LE(at + 4);
    const deflatedLength = buf.readUInt32LE(at + 8);
    at += PIECE_HEADER_BYTES;
    if (at + deflatedLength > buf.byteLength) throw malformed(`piece ${i} bytes truncated`);
    pieces[i] = { deflated: buf.subarray(at, at + deflatedLength), crc, length };
    at += deflatedLength;
  }
  if (at !== buf.byteLength) throw malformed(`${buf.byteLength - at} bytes after the last piece`);
  return pieces;
};
