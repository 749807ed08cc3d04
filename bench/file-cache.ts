import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads every file of a data folder once, so the kernel's file cache holds the database before the archive walk, as
 * it does on a server that has been up a while (readers and crawlers walk the archive every day). The walk measures
 * what the server spends on a page it has not cached itself; a database file the kernel dropped measures the disk
 * instead. On the 2-core VMs these benchmarks run on, the host takes the file cache back within minutes (a 1.9 GB
 * SQLite file written by `pages render` was mostly gone by the walk): the same 100,000-article walk answered 2,609
 * req/s on a cold cache, 3,964 on a half-warm one and 4,508 warm (bench/README.md).
 */
export const readThroughFolder = (dir: string): { mb: number; ms: number } => {
  const started = performance.now();
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  let bytes = 0;
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (!statSync(file).isFile()) continue;
    const fd = openSync(file, 'r');
    try {
      for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) bytes += read;
    } finally {
      closeSync(fd);
    }
  }
  return { mb: bytes / (1024 * 1024), ms: performance.now() - started };
};
