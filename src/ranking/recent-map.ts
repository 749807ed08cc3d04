/**
 * A map that keeps what was used recently and forgets the rest: at most `2 × capacity` entries, in two
 * generations of plain Maps, like key-table.ts. New entries go to the young one; when it holds `capacity` it
 * becomes the old one and the previous old one is dropped whole. A key found in the old generation moves to the
 * young one, so a key in use stays. A hit in the young generation (the common case for the few distinct values a
 * busy server sees again and again: user agents, the tokens of the pages being read) costs one Map lookup, where
 * an exact LRU would move the entry on every read.
 */
export interface RecentMap<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  readonly size: number;
}

export const createRecentMap = <K, V>(capacity: number): RecentMap<K, V> => {
  let young = new Map<K, V>();
  let old = new Map<K, V>();

  const set = (key: K, value: V) => {
    if (young.size >= capacity && !young.has(key)) {
      old = young;
      young = new Map();
    }
    young.set(key, value);
  };

  return {
    get(key) {
      const value = young.get(key);
      if (value !== undefined || old.size === 0) return value;
      const kept = old.get(key);
      if (kept !== undefined) {
        old.delete(key);
        set(key, kept);
      }
      return kept;
    },
    set,
    get size() {
      return young.size + old.size;
    },
  };
};
