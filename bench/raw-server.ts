import { readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';

/**
 * The baseline: a bare node:http server answering every request with the same bytes as one article page,
 * with its content type; or, with RAW_STATUS=204, with an empty 204 as the view beacon endpoint does. Run as
 * a child process (own core, like the real server); reports its port over IPC.
 */
const bodyFile = process.env.RAW_BODY_FILE;
const contentType = process.env.RAW_CONTENT_TYPE;
const noContent = process.env.RAW_STATUS === '204';
if ((!noContent && (!bodyFile || !contentType)) || !process.send) {
  process.stderr.write('raw-server: needs RAW_BODY_FILE and RAW_CONTENT_TYPE (or RAW_STATUS=204) and an IPC channel\n');
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
  const body = readFileSync(bodyFile!);
  const headers = { 'content-type': contentType!, 'content-length': String(body.byteLength) };
  handler = (_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
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
