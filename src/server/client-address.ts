import type { IncomingMessage } from 'node:http';

/**
 * The reader's address, by the rule Fastify's `trustProxy` applies for `req.ip` (app.ts): with `trustedHops`
 * proxies in front, the address `trustedHops` places back in the X-Forwarded-For chain (the socket's peer is
 * place 0, then the header's entries from the right), or the leftmost one when the chain is shorter. Zero hops:
 * the socket's peer, whatever the header says.
 *
 * Fastify's getter builds the whole chain as an array on every read; here only the entries needed are sliced
 * out, once per request, by the beacon fast path and the views route alike (fast-beacons.ts, views-route.ts).
 * Entries of a list are split at commas and trimmed of spaces and tabs; empty ones are skipped, as Fastify does.
 */
export const clientAddressOf = (req: IncomingMessage, trustedHops: number): string => {
  const peer = req.socket.remoteAddress ?? '';
  if (trustedHops <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  if (typeof header !== 'string' || header === '') return peer;
  // One entry (the usual case, one proxy): trimmed of any whitespace, as Fastify's parser does it.
  if (!header.includes(',')) return header.trim() || peer;
  let found = peer;
  let place = 0;
  let end = header.length;
  // Right to left: each pass takes the entry that ends at `end`, then moves past its comma.
  while (end > 0 && place < trustedHops) {
    const comma = header.lastIndexOf(',', end - 1);
    const entry = trimmed(header, comma + 1, end);
    if (entry !== '') {
      found = entry;
      place++;
    }
    end = comma < 0 ? 0 : comma;
  }
  return found;
};

const isBlank = (c: number): boolean => c === 0x20 || c === 0x09;

/** header[from, to) without the spaces and tabs at either end. */
const trimmed = (header: string, from: number, to: number): string => {
  let start = from;
  let end = to;
  while (start < end && isBlank(header.charCodeAt(start))) start++;
  while (end > start && isBlank(header.charCodeAt(end - 1))) end--;
  return header.slice(start, end);
};
