/**
 * Work that concurrent requests share instead of repeating. A page that expires, or a cache emptied by a
 * content change, meets a burst of requests for the same few pages: without sharing, each of them renders
 * the page again (20 readers of a breaking story, 20 identical renders queued on two cores).
 */

/** Concurrent callers with one key share one run of `work`; the next caller after it settles starts another. */
export const createSingleFlight = <T>(): ((key: string, work: () => Promise<T>) => Promise<T>) => {
  const running = new Map<string, Promise<T>>();
  return (key, work) => {
    const found = running.get(key);
    if (found) return found;
    const started = work().finally(() => running.delete(key));
    running.set(key, started);
    return started;
  };
};

/**
 * The result of `compute` is kept while the key stays the same (e.g. the content version and the current
 * second): pages rendered in the same second share one site-wide box. A failed run is forgotten at once.
 */
export const createKeyedMemo = <T>(): ((key: string, compute: () => Promise<T>) => Promise<T>) => {
  let kept: { key: string; value: Promise<T> } | null = null;
  return (key, compute) => {
    if (kept?.key === key) return kept.value;
    const value = compute();
    const entry = { key, value };
    kept = entry;
    value.catch(() => {
      if (kept === entry) kept = null;
    });
    return value;
  };
};

/**
 * createKeyedMemo for many keys at once: each result is kept under its key while the generation (e.g. the content
 * version and the current second) stays the same; the first call of a new generation drops them all, so what is
 * kept never outgrows one generation's keys. A failed run is forgotten at once.
 */
export const createGenerationMemo = <T>(): ((
  generation: string,
  key: string,
  compute: () => Promise<T>,
) => Promise<T>) => {
  let current: string | null = null;
  let kept = new Map<string, Promise<T>>();
  return (generation, key, compute) => {
    if (generation !== current) {
      current = generation;
      kept = new Map();
    }
    const found = kept.get(key);
    if (found) return found;
    const value = compute();
    const map = kept;
    map.set(key, value);
    value.catch(() => {
      if (map.get(key) === value) map.delete(key);
    });
    return value;
  };
};
