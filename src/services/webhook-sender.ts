import { createHmac } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { resolveTarget, systemResolve, type Resolve } from './webhook-address.js';

/**
 * Ghost's webhook signature: `sha256={hex HMAC-SHA256 of the body followed by the timestamp}, t={timestamp}`, the
 * timestamp in milliseconds, keyed with the webhook's secret as text. A webhook without a secret is not signed.
 */
export const ghostSignature = (body: string, secret: string, timestampMs: number): string =>
  `sha256=${createHmac('sha256', secret).update(`${body}${timestampMs}`).digest('hex')}, t=${timestampMs}`;

export interface SendOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  resolve?: Resolve;
  now?: () => number;
}

/** How one attempt went: `status` is the receiver's, null when none came; `final` when trying again is pointless. */
export interface SendResult {
  ok: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
  final: boolean;
}

/** Receivers answer with a page at most; we read no more than this of it, and keep none. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs `body` to `targetUrl`, signed, once. The host is resolved and checked here (webhook-address.ts) and the
 * connection goes to that very address, the name kept for Host and TLS, so no second lookup can swap it. Redirects
 * are not followed: a 3xx is a failure, as a redirect to an inner address is the classic way round the check.
 */
export const sendWebhook = async (
  targetUrl: string,
  body: string,
  secret: string | null,
  opts: SendOptions,
): Promise<SendResult> => {
  const now = opts.now ?? Date.now;
  const started = now();
  const done = (r: Omit<SendResult, 'durationMs'>): SendResult => ({ ...r, durationMs: now() - started });
  let url: URL;
  try {
    url = new URL(targetUrl);
  } catch {
    return done({ ok: false, status: null, error: 'the address is not a URL', final: true });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return done({ ok: false, status: null, error: 'only http and https are sent to', final: true });
  const target = await resolveTarget(url.hostname, opts.allowPrivate, opts.resolve ?? systemResolve);
  if (!target.ok) {
    // A refused address will not become public by waiting; a name that does not resolve may.
    const refused = !target.reason.includes('resolve') && !target.reason.includes('no address');
    return done({ ok: false, status: null, error: `refused: ${target.reason}`, final: refused });
  }
  const timestamp = now();
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'User-Agent': 'Dateline webhooks',
    Host: url.host,
  };
  if (secret) headers['X-Ghost-Signature'] = ghostSignature(body, secret, timestamp);
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const secure = url.protocol === 'https:';
  const options = {
    method: 'POST',
    host: target.address,
    family: target.family,
    port: url.port || (secure ? 443 : 80),
    path: `${url.pathname}${url.search}`,
    headers,
    // The certificate is checked against the name, not the address connected to; SNI takes no IP literal.
    ...(secure && isIP(hostname) === 0 ? { servername: hostname } : {}),
  };
  // Loaded at the first https delivery, not with the server: TLS is some 2 ms and 0.3 MB a process that never sends.
  const request = secure ? (await import('node:https')).request : httpRequest;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (r: Omit<SendResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(r));
    };
    const onResponse = (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_ANSWER_BYTES) res.destroy();
      });
      const result = () => {
        if (status >= 200 && status < 300) return finish({ ok: true, status, error: null, final: true });
        const error = status >= 300 && status < 400 ? `redirect (${status}) not followed` : `answered ${status}`;
        // 410 Gone: the receiver says it wants no more (Ghost drops the webhook; we stop this delivery).
        finish({ ok: false, status, error, final: status === 410 });
      };
      res.on('end', result);
      res.on('close', result);
      res.on('error', result);
    };
    const req = request(options, onResponse);
    const timer = setTimeout(() => {
      req.destroy();
      finish({ ok: false, status: null, error: `no answer within ${opts.timeoutMs} ms`, final: false });
    }, opts.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, status: null, error: `request failed: ${error.code ?? error.message}`, final: false }),
    );
    req.end(body);
  });
};
