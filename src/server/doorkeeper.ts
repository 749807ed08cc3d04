/** Addresses remembered: 64 K slots of a 32-bit hash, 256 KB. */
const DEFAULT_SLOTS = 1 << 16;

/**
 * FNV-1a over the UTF-16 code units, its bits then mixed (MurmurHash3's finalizer) so that addresses differing in their
 * last digits spread over the slots; never 0, which marks an empty slot.
 */
const hashOf = (key: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0 || 1;
};

/**
 * Admission to a cache on an address's second request (a "doorkeeper"): `again(key)` says whether the key was asked
 * for since its slot was last taken. Crawlers and archive readers ask for most old article pages once; cached at the
 * first answer, each such page evicted a page others were reading, and filling and emptying the cache with pages
 * asked once was a fifth of a walked answer's work (the entries outlive young collections, so each eviction is an
 * old-generation collection's work). A page asked twice is cached from its second answer. Each key takes one slot
 * of a table of hashes: a key whose slot another took since is answered as new (it is then cached a request later),
 * and two keys of one hash share a slot (one of them cached a request early); neither is ever wrong, only later
 * or earlier.
 */
export const createDoorkeeper = (slots = DEFAULT_SLOTS) => {
  if (!Number.isInteger(Math.log2(slots))) throw new Error('createDoorkeeper: slots must be a power of two');
  const table = new Uint32Array(slots);
  const mask = slots - 1;
  return (key: string): boolean => {
    const h = hashOf(key);
    const slot = h & mask;
    if (table[slot] === h) return true;
    table[slot] = h;
    return false;
  };
};
