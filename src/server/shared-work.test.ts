import { describe, expect, it } from 'vitest';
import { createGenerationMemo, createKeyedMemo, createSingleFlight } from './shared-work.js';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('createSingleFlight', () => {
  it('runs the work once for callers that arrive while it runs, and again after it settled', async () => {
    const flight = createSingleFlight<string>();
    const gate = deferred<string>();
    let runs = 0;
    const work = () => {
      runs++;
      return gate.promise;
    };
    const callers = Array.from({ length: 20 }, () => flight('/a/', work));
    gate.resolve('page');
    expect(await Promise.all(callers)).toEqual(Array(20).fill('page'));
    expect(runs).toBe(1);
    await flight('/a/', async () => {
      runs++;
      return 'again';
    });
    expect(runs).toBe(2);
  });

  it('keeps keys apart and passes a failure to every waiting caller, then forgets it', async () => {
    const flight = createSingleFlight<string>();
    const gate = deferred<string>();
    const a = flight('/a/', () => gate.promise);
    const b = flight('/a/', () => Promise.resolve('not run'));
    const other = flight('/b/', async () => 'b');
    gate.reject(new Error('database went away'));
    await expect(a).rejects.toThrow('database went away');
    await expect(b).rejects.toThrow('database went away');
    expect(await other).toBe('b');
    expect(await flight('/a/', async () => 'recovered')).toBe('recovered');
  });
});

describe('createKeyedMemo', () => {
  it('computes once per key and again when the key changes', async () => {
    const memo = createKeyedMemo<number>();
    let runs = 0;
    const compute = async () => ++runs;
    expect(await memo('v1:100', compute)).toBe(1);
    expect(await memo('v1:100', compute)).toBe(1);
    expect(await memo('v1:101', compute)).toBe(2);
    expect(await memo('v2:101', compute)).toBe(3);
  });

  it('does not keep a failure', async () => {
    const memo = createKeyedMemo<number>();
    await expect(memo('k', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await memo('k', async () => 7)).toBe(7);
  });
});

describe('createGenerationMemo', () => {
  it('keeps one result per key within a generation, and drops them all when the generation moves on', async () => {
    const memo = createGenerationMemo<string>();
    let runs = 0;
    const work = (value: string) => () => {
      runs++;
      return Promise.resolve(value);
    };
    expect(await memo('v1 100', 'politics', work('a'))).toBe('a');
    expect(await memo('v1 100', 'politics', work('b'))).toBe('a');
    expect(await memo('v1 100', 'business', work('c'))).toBe('c');
    expect(runs).toBe(2);
    expect(await memo('v1 101', 'politics', work('d'))).toBe('d');
    expect(await memo('v1 101', 'business', work('e'))).toBe('e');
    expect(runs).toBe(4);
  });

  it('forgets a failed run at once, so the next caller tries again', async () => {
    const memo = createGenerationMemo<string>();
    await expect(memo('g', 'k', () => Promise.reject(new Error('database busy')))).rejects.toThrow('database busy');
    expect(await memo('g', 'k', () => Promise.resolve('fine'))).toBe('fine');
  });
});
