import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/**
 * The baseline: a bare node:http server answering every request with the same bytes as one article page,
 * with its content type. Run as a child process (own core, like the real server); reports its port over IPC.
 */
const bodyFile = process.env.RAW_BODY_FILE;
const contentType = process.env.RAW_CONTENT_TYPE;
if (!bodyFile || !contentType || !process.send) {
  process.stderr.write('raw-server: needs RAW_BODY_FILE, RAW_CONTENT_TYPE and an IPC channel\n');
  process.exit(2);
}
const body = readFileSync(bodyFile);
const headers = { 'content-type': contentType, 'content-length': String(body.byteLength) };

const server = createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.send!({ port: address.port });
});
// The parent going away (even killed) closes the channel: never outlive it.
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
