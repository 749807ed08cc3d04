import type { PurgeTarget } from '../domain/purge-target.js';

/**
 * Sends one purge of surrogate keys to the cache in front, as each one's public documentation describes, and
 * resolves when every target took it; throws with the reason otherwise (the queue retries). Large sets are sent in
 * the chunks each API accepts.
 */
export type Purger = (keys: readonly string[]) => Promise<void>;

/** Keys per request: Fastly takes 256 surrogate keys per batch purge; Cloudflare 30 tags per call. */
const CHUNK = { varnish: 500, fastly: 256, cloudflare: 30 } as const;

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

const refuse = async (what: string, res: Response): Promise<never> => {
  const text = (await res.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ');
  throw new Error(`${what} answered ${res.status}${text ? `: ${text}` : ''}`);
};

export const createPurger = (target: PurgeTarget, timeoutMs = 5_000): Purger => {
  const send = (url: string, init: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  return async (keys) => {
    for (const part of chunks(keys, CHUNK[target.kind])) {
      if (target.kind === 'varnish') {
        // Every Varnish holds its own copies: each must drop them.
        await Promise.all(
          target.urls.map(async (base) => {
            const res = await send(`${base}/`, { method: 'PURGE', headers: { 'xkey-purge': part.join(' ') } });
            if (!res.ok) await refuse(`Varnish at ${base}`, res);
            await res.body?.cancel();
          }),
        );
      } else if (target.kind === 'fastly') {
        const res = await send(`${target.api}/service/${encodeURIComponent(target.serviceId)}/purge`, {
          method: 'POST',
          headers: { 'fastly-key': target.token, 'surrogate-key': part.join(' '), accept: 'application/json' },
        });
        if (!res.ok) await refuse('Fastly', res);
        await res.body?.cancel();
      } else {
        const res = await send(`${target.api}/client/v4/zones/${encodeURIComponent(target.zoneId)}/purge_cache`, {
          method: 'POST',
          headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ tags: part }),
        });
        if (!res.ok) await refuse('Cloudflare', res);
        const answer = (await res.json().catch(() => null)) as { success?: boolean } | null;
        if (answer?.success !== true) throw new Error('Cloudflare did not confirm the purge');
      }
    }
  };
};
