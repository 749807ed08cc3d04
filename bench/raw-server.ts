import { readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { RawPagesFile } from './processes.js';

/**
 * The baseline: a bare node:http server replaying, for each path and encoding, the body and headers the real
 * server sent for it (RAW_PAGES_FILE, written by writeRawPages), so only the server's own work differs; or, with RAW_STATUS=204, answering everything with
 * an empty 204 as the view beacon endpoint does, with the headers in RAW_HEADERS (JSON). Run as a child process (own core, like the real server);
 * reports its port over IPC.
 */
const pagesFile = process.env.RAW_PAGES_FILE;
const noContent = process.env.RAW_STATUS === '204';
if ((!noContent && !pagesFile) || !process.send) {
  process.stderr.write('raw-server: needs RAW_PAGES_FILE (or RAW_STATUS=204) and an IPC channel\n');
  process.exit(2);
}

let handler: RequestListener;
if (noContent) {
  const headers = JSON.parse(process.env.RAW_HEADERS || '{}') as Record<string, string | string[]>;
  // The request body (a beacon) is discarded by node:http once the response ends.
  handler = (_req, res) => {
    res.writeHead(204, headers);
    res.end();
  };
} else {
  const pages = (JSON.parse(readFileSync(pagesFile!, 'utf8')) as RawPagesFile).map((p) => {
    const body = Buffer.from(p.body, 'base64');
    return { ...p, body, headers: { ...p.headers, 'content-length': String(body.byteLength) } };
  });
  const byPath = new Map<string, (typeof pages)[number]>();
  for (const p of pages) byPath.set(`${p.gzip ? 'gzip ' : ''}${p.path}`, p);
  const fallback = { identity: pages.filter((p) => !p.gzip), gzip: pages.filter((p) => p.gzip) };
  let next = 0;
  handler = (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    // The same test the server makes, roughly: it is the request header that picks the variant.
    const gzip = (req.headers['accept-encoding'] ?? '').includes('gzip');
    const key = `${gzip ? 'gzip ' : ''}${q === -1 ? url : url.slice(0, q)}`;
    // A path it was not given (the archive run's) gets the given pages in turn: still real pages' bytes.
    const list = gzip && fallback.gzip.length > 0 ? fallback.gzip : fallback.identity;
    const page = byPath.get(key) ?? list[next++ % list.length]!;
    res.writeHead(200, page.headers);
    res.end(page.body);
  };
}

const server = createServer(handler);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.send!({ port: address.port });
});
// The parent going away (even killed) closes the channel: never outlive it.
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
