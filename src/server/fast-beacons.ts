import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parseViewBeacon } from '../ranking/view-request.js';
import type { ViewIntake } from '../ranking/view-intake.js';
import { invalidBeacon, VIEW_BEACON_BODY_LIMIT } from './api/views-route.js';
import { clientAddressOf } from './client-address.js';
import type { FastPath } from './fast-paths.js';
import { errorBody, internalError, type HttpError } from './errors.js';
import { SECURITY_HEADERS } from './security-headers.js';

export interface FastBeaconDeps {
  intake: ViewIntake;
  /** Proxies in front whose X-Forwarded-For is trusted (app.ts). */
  trustProxyHops: number;
  /** Each answer, for the request log's summary (request-log.ts): Fastify's response hook never sees them. */
  onAnswer?: (status: number, ms: number) => void;
  /** A beacon whose counting failed (the article directory's database away): answered 500, reported here. */
  onError?: (error: unknown) => void;
}

/** What navigator.sendBeacon sends with a string body, byte for byte: the only type taken here. */
const SEND_BEACON_TYPE = 'text/plain;charset=UTF-8';

/**
 * POST /api/views as navigator.sendBeacon sends it, answered straight on node:http, before Fastify.
 *
 * Why: under wrk a beacon went through Fastify's routing, hooks, content-type parser, zod and reply
 * (docs/architecture/0009, "Beacons"): about half the server's CPU per beacon was Fastify's own, and the beacon
 * ran at 0.2–0.35 of a raw node:http server answering 204. Beacons are the one request a news site gets more
 * of than page views, all alike, all answered with an empty 204.
 *
 * What is taken: exactly POST /api/views (no query string), Content-Type `text/plain;charset=UTF-8`, a
 * Content-Length of at most 1 KB, no Transfer-Encoding or Content-Encoding. Anything else (another type,
 * a chunked or oversized body, a query string) goes to Fastify's route untouched, which answers it by the same
 * rules (views-route.ts). The answers are the route's, header for header: the security headers, `no-store`,
 * a 204 for every beacon whether it counts or not (after screening for bots, prefetches and other sites, before
 * the body is read), the route's JSON 400 for a body that is not a beacon. Counting is the one ViewIntake both
 * use. test/integration/fast-beacons.test.ts sends the same requests to both and compares.
 */
export const createFastBeacons = (deps: FastBeaconDeps): FastPath => {
  const { intake, trustProxyHops, onAnswer, onError } = deps;
  // The header lists are built once: a beacon's answer is one writeHead of a prepared list.
  const security = Object.entries(SECURITY_HEADERS).flat();
  const noContent = [...security, 'cache-control', 'no-store'];
  const jsonAnswer = (error: HttpError): [number, string[], Buffer] => {
    const body = Buffer.from(JSON.stringify(errorBody(error)));
    const headers = [
      ...noContent,
      'content-type',
      'application/json; charset=utf-8',
      'content-length',
      String(body.length),
    ];
    return [error.status, headers, body];
  };
  const notABeacon = jsonAnswer(invalidBeacon());
  const failed = jsonAnswer(internalError());

  const answerEmpty = (res: ServerResponse, started: number) => {
    res.writeHead(204, noContent);
    res.end();
    onAnswer?.(204, performance.now() - started);
  };
  const answerJson = (res: ServerResponse, [status, headers, body]: [number, string[], Buffer], started: number) => {
    res.writeHead(status, headers);
    res.end(body);
    onAnswer?.(status, performance.now() - started);
  };

  const counted = (req: IncomingMessage, res: ServerResponse, text: string, started: number) => {
    const beacon = parseViewBeacon(text);
    if (!beacon) return answerJson(res, notABeacon, started);
    const waiting = intake.take(beacon, clientAddressOf(req, trustProxyHops), req.headers['user-agent'] ?? '');
    if (waiting === undefined) return answerEmpty(res, started);
    waiting.then(
      () => answerEmpty(res, started),
      (error: unknown) => {
        onError?.(error);
        answerJson(res, failed, started);
      },
    );
  };

  return (req, res) => {
    if (req.method !== 'POST' || req.url !== '/api/views') return false;
    const headers = req.headers;
    if (headers['content-type'] !== SEND_BEACON_TYPE) return false;
    if (headers['transfer-encoding'] !== undefined || headers['content-encoding'] !== undefined) return false;
    const declared = headers['content-length'];
    // Number('') is 0, and a length over the limit is Fastify's 413 to give.
    if (declared === undefined || declared === '' || !(Number(declared) <= VIEW_BEACON_BODY_LIMIT)) return false;
    const started = performance.now();
    // Bots, prefetches and other sites: answered before the body is read, as the route's onRequest hook does.
    if (intake.screen(headers) !== null) {
      answerEmpty(res, started);
      return true;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      // Decoded whole, as Fastify's text parser does: a character split across chunks stays whole.
      const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
      counted(req, res, text, started);
    });
    // A client that goes away mid-body gets no answer; without a listener the error would end the process.
    req.on('error', () => res.destroy());
    return true;
  };
};
