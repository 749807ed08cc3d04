import { constants as zlibConstants, createDeflateRaw, deflateRawSync, type DeflateRaw } from 'node:zlib';

/** The settings of a piece made at each answer: see stitched-gzip.ts's lightPiece for how they were chosen. */
export const LIGHT_DEFLATE = { level: 3, windowBits: 12, memLevel: 6 } as const;

/** What node:zlib's sync calls use underneath: one deflate call into a given output range, its counts left in a state array. */
interface ZlibHandle {
  writeSync(
    flush: number,
    input: Uint8Array,
    inOffset: number,
    inLength: number,
    output: Uint8Array,
    outOffset: number,
    outLength: number,
  ): void;
}

type Engine = DeflateRaw & { _handle?: ZlibHandle; _writeState?: Uint32Array };

/**
 * Deflates small pieces with one zlib stream kept for the life of the process, reset between pieces. node's
 * deflateRawSync builds a stream object (a Transform, with its events and buffers) and zlib's state for every call
 * and closes both after it; for an article page's end lists, made at each answer of the archive walk, that set-up
 * was most of the 150-200 µs their piece cost under load, against some 25 µs of compressing.
 *
 * node has no public call that deflates synchronously into a kept stream, so this drives the stream's handle the
 * way node's own sync calls do (`_handle.writeSync`, its counts in `_writeState`). Should a node version lack
 * them, or a call fail, every piece is made by deflateRawSync with the same settings instead: the bytes are the
 * same either way, since a reset stream compresses exactly as a new one (kept-deflater.test.ts
 * holds both to that).
 */
export const createKeptDeflater = (settings: { level: number; windowBits: number; memLevel: number }) => {
  const fallback = (bytes: Buffer): Buffer =>
    deflateRawSync(bytes, { ...settings, chunkSize: 4096, finishFlush: zlibConstants.Z_SYNC_FLUSH });
  let engine: Engine | null = null;
  let broken = false;
  // Output is written here and copied out at the exact size; a piece larger than it grows it.
  let out = Buffer.allocUnsafeSlow(16 * 1024);

  const open = (): Engine | null => {
    if (engine || broken) return engine;
    const made: Engine = createDeflateRaw(settings);
    if (typeof made._handle?.writeSync !== 'function' || !(made._writeState instanceof Uint32Array)) {
      broken = true;
      made.close();
      return null;
    }
    // A zlib error destroys the stream at once (checked below, and the stream given up) and is emitted later: this
    // listener keeps that event from ending the process.
    made.on('error', () => {
      broken = true;
    });
    engine = made;
    return engine;
  };

  const deflate = (bytes: Buffer): Buffer => {
    const kept = open();
    if (!kept) return fallback(bytes);
    const handle = kept._handle!;
    const state = kept._writeState!;
    kept.reset();
    let inOffset = 0;
    let inLength = bytes.byteLength;
    let produced = 0;
    for (;;) {
      handle.writeSync(zlibConstants.Z_SYNC_FLUSH, bytes, inOffset, inLength, out, produced, out.byteLength - produced);
      if (kept.destroyed) throw new Error('kept deflater: zlib reported an error');
      const outLeft = state[0]!;
      const inLeft = state[1]!;
      produced = out.byteLength - outLeft;
      inOffset += inLength - inLeft;
      inLength = inLeft;
      // Room left means zlib has flushed all it was given; a full buffer means there may be more.
      if (outLeft !== 0) break;
      const bigger = Buffer.allocUnsafeSlow(out.byteLength * 2);
      out.copy(bigger, 0, 0, produced);
      out = bigger;
    }
    return Buffer.from(out.subarray(0, produced));
  };

  return (bytes: Buffer): Buffer => {
    if (broken) return fallback(bytes);
    try {
      return deflate(bytes);
    } catch {
      broken = true;
      engine?.close();
      engine = null;
      return fallback(bytes);
    }
  };
};
