/**
 * A bounded map from 48-bit keys (the visitor hashes of visitor-key.ts) to positive 32-bit values, for the memory
 * gate. A Map of numbers costs about 80 bytes an entry, and keys above 2^31 are boxed on top of that: a million
 * fake visitors through four such Maps is hundreds of MB, and a flood of them never stops growing. Here an entry
 * costs 10 bytes in typed arrays (a 32-bit and a 16-bit half of the key, a 32-bit value; 0 marks a free slot),
 * looked up by linear probing in a table kept at most half full.
 *
 * Bounded by two generations of at most `capacity` entries each. New entries go to the young one; when it is
 * full it becomes the old one and the previous old one is dropped whole. An entry found in the old generation is
 * copied into the young one, so a key in use stays and what is dropped is what was touched least recently:
 * oldest first, a generation at a time. A key is kept at least until `capacity` other keys have been added after
 * its last use. Memory is at most 40 bytes × capacity, reached only when that many keys are in use.
 *
 * The owner may also start a new generation itself (`rotate`) when the old one's entries can no longer matter: the
 * memory gate does so when their time is up (memory-view-gate.ts), so that the tables hold what the last hour or
 * half hour brought, not a fixed capacity's worth of keys long expired.
 */
export interface KeyTable {
  /** The key's value, or 0 when the key is not held (never added, or evicted). */
  get(key: number): number;
  /** Sets a value (> 0), evicting the least recently used generation when the young one is full. */
  set(key: number, value: number): void;
  /** Drops the old generation and starts a new, small young one: the young one's entries are kept, as the old. */
  rotate(): void;
  /** Entries held, counting a key copied into the young generation once per generation until the old one goes. */
  readonly size: number;
  /** Bytes of the typed arrays held. */
  readonly bytes: number;
}

interface Generation {
  lo: Uint32Array;
  hi: Uint16Array;
  values: Uint32Array;
  size: number;
}

const FIRST_SLOTS = 64;
const TWO_32 = 2 ** 32;

const generation = (slots: number): Generation => ({
  lo: new Uint32Array(slots),
  hi: new Uint16Array(slots),
  values: new Uint32Array(slots),
  size: 0,
});

const bytesOf = (g: Generation | null) => (g ? g.values.length * 10 : 0);

/** The key's slot, or the free slot where it would go (as -1 - slot). The table always has a free slot. */
const find = (g: Generation, lo: number, hi: number): number => {
  const mask = g.values.length - 1;
  // Keys are SHA-256 output, evenly spread already; the multiply only mixes in the high half.
  let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
  while (g.values[slot] !== 0) {
    if (g.lo[slot] === lo && g.hi[slot] === hi) return slot;
    slot = (slot + 1) & mask;
  }
  return -1 - slot;
};

const put = (g: Generation, lo: number, hi: number, value: number) => {
  const at = find(g, lo, hi);
  if (at >= 0) {
    g.values[at] = value;
    return;
  }
  const slot = -1 - at;
  g.lo[slot] = lo;
  g.hi[slot] = hi;
  g.values[slot] = value;
  g.size++;
};

const grown = (g: Generation): Generation => {
  const bigger = generation(g.values.length * 2);
  for (let i = 0; i < g.values.length; i++) if (g.values[i] !== 0) put(bigger, g.lo[i]!, g.hi[i]!, g.values[i]!);
  return bigger;
};

export const createKeyTable = (capacity: number): KeyTable => {
  // Half full at most: linear probing stays short (about 2.5 probes for a miss).
  let maxSlots = FIRST_SLOTS;
  while (maxSlots < capacity * 2) maxSlots *= 2;
  let young = generation(Math.min(FIRST_SLOTS, maxSlots));
  let old: Generation | null = null;

  const insert = (lo: number, hi: number, value: number) => {
    if (young.size * 2 >= young.values.length && young.values.length < maxSlots) young = grown(young);
    if (young.size >= capacity && find(young, lo, hi) < 0) {
      // The young generation is full, so at its largest: a flood. The dropped generation's arrays are reused when
      // they are as large, so that while the flood lasts nothing is allocated again.
      const recycled: Generation = old !== null && old.values.length === maxSlots ? old : generation(maxSlots);
      recycled.values.fill(0);
      recycled.size = 0;
      old = young;
      young = recycled;
    }
    put(young, lo, hi, value);
  };

  return {
    get(key) {
      const lo = key >>> 0;
      const hi = Math.floor(key / TWO_32);
      const at = find(young, lo, hi);
      if (at >= 0) return young.values[at]!;
      if (!old) return 0;
      const inOld = find(old, lo, hi);
      if (inOld < 0) return 0;
      const value = old.values[inOld]!;
      insert(lo, hi, value);
      return value;
    },
    set(key, value) {
      insert(key >>> 0, Math.floor(key / TWO_32), value);
    },
    rotate() {
      old = young;
      young = generation(Math.min(FIRST_SLOTS, maxSlots));
    },
    get size() {
      return young.size + (old?.size ?? 0);
    },
    get bytes() {
      return bytesOf(young) + bytesOf(old);
    },
  };
};
