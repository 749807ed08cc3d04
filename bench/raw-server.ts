import { readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { RawPagesFile } from './processes.js';

/**
 * The baseline: a bare node:http server replaying, for each path, the body and content type the real server
 * sent for it (RAW_PAGES_FILE, written by writeRawPages); or, with RAW_STATUS=204, answering everything with
 * an empty 204 as the view beacon endpoint does. Run as a child process (own core, like the real server);
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
  const headers = { 'cache-control': 'no-store' };
  // The request body (a beacon) is discarded by node:http once the response ends.
  handler = (_req, res) => {
    res.writeHead(204, headers);
    res.end();
  };
} else {
  const pages = (JSON.parse(readFileSync(pagesFile!, 'utf8')) as RawPagesFile).map((p) => {
    const body = Buffer.from(p.body, 'base64');
    return {
      path: p.path,
      body,
      headers: { 'content-type': p.contentType, 'content-length': String(body.byteLength) },
    };
  });
  const byPath = new Map(pages.map((p) => [p.path, p]));
  let next = 0;
  handler = (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    // A path it was not given (the archive run's) gets the given pages in turn: still real pages' bytes.
    const page = byPath.get(q === -1 ? url : url.slice(0, q)) ?? pages[next++ % pages.length]!;
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
