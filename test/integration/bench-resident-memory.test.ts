import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { residentMemory, residentMemoryMb } from '../../bench/processes.js';

// The bench prints the server's resident set after the run and what it is made of; both come from /proc.
const procfs = existsSync('/proc/self/status');

describe.skipIf(!procfs)('the bench reading a process resident memory', () => {
  it('splits the resident set into mapped files and the process own memory, adding up to the whole', () => {
    // Memory of its own the reading must see: 64 MB written, so resident.
    const held = Buffer.alloc(64 * 1024 * 1024, 1);
    const whole = residentMemoryMb(process.pid)!;
    const { mb, parts } = residentMemory(process.pid)!;
    expect(held[held.length - 1]).toBe(1);
    // node's binary is a mapped file; the buffer is anonymous memory.
    expect(parts!.fileMb).toBeGreaterThan(5);
    expect(parts!.anonMb).toBeGreaterThan(64);
    // One reading: the kernel's VmRSS is the sum of the three it splits it into.
    expect(parts!.fileMb + parts!.anonMb).toBeCloseTo(mb, 2);
    // A second reading a moment later, not to the kilobyte.
    expect(Math.abs(mb - whole)).toBeLessThan(8);
  });

  it('gives no reading for a process that is not there', () => {
    expect(residentMemory(2 ** 22 + 7)).toBeNull();
    expect(residentMemoryMb(2 ** 22 + 7)).toBeNull();
  });
});
