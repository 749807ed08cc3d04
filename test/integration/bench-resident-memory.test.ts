import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { residentMemoryMb, residentMemoryParts } from '../../bench/processes.js';

// The bench prints the server's resident set after the run and what it is made of; both come from /proc.
const procfs = existsSync('/proc/self/status');

describe.skipIf(!procfs)('the bench reading a process resident memory', () => {
  it('splits the resident set into mapped files and the process own memory, adding up to the whole', () => {
    // Memory of its own the reading must see: 64 MB written, so resident.
    const held = Buffer.alloc(64 * 1024 * 1024, 1);
    const whole = residentMemoryMb(process.pid)!;
    const parts = residentMemoryParts(process.pid)!;
    expect(held[held.length - 1]).toBe(1);
    // node's binary is a mapped file; the buffer is anonymous memory.
    expect(parts.fileMb).toBeGreaterThan(5);
    expect(parts.anonMb).toBeGreaterThan(64);
    // Read a moment apart from VmRSS, so not to the kilobyte.
    expect(Math.abs(parts.fileMb + parts.anonMb - whole)).toBeLessThan(8);
  });

  it('gives no reading for a process that is not there', () => {
    expect(residentMemoryParts(2 ** 22 + 7)).toBeNull();
    expect(residentMemoryMb(2 ** 22 + 7)).toBeNull();
  });
});
