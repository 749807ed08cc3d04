/**
 * Where purges go (DATELINE_PURGE; issue 18, docs/architecture/0026-purge-on-change.md), parsed once at start:
 *
 * - `varnish:http://10.0.0.5:6081[,http://10.0.0.6:6081]`: each Varnish gets `PURGE /` with `xkey-purge: {keys}`
 *   (the VCL in docs/deploy/varnish.vcl turns that into vmod_xkey's purge);
 * - `fastly:{service id}`: Fastly's purge by surrogate key, with DATELINE_PURGE_TOKEN as the API token;
 * - `cloudflare:{zone id}`: Cloudflare's purge by cache tag, with DATELINE_PURGE_TOKEN as the API token;
 * - `none` or unset: no purging here (other processes may have a purger; changes are queued either way).
 */
export type PurgeTarget =
  | { kind: 'varnish'; urls: string[] }
  | { kind: 'fastly'; serviceId: string; token: string; api: string }
  | { kind: 'cloudflare'; zoneId: string; token: string; api: string };

export const FASTLY_API = 'https://api.fastly.com';
export const CLOUDFLARE_API = 'https://api.cloudflare.com';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

const httpUrl = (raw: string): string | null => {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
};

/** The target, null for none, or a message saying what is wrong with the setting. */
export const parsePurgeTarget = (
  spec: string | undefined,
  token: string | undefined,
  api: string | undefined,
): { ok: true; target: PurgeTarget | null } | { ok: false; message: string } => {
  if (spec === undefined || spec === '' || spec === 'none') return { ok: true, target: null };
  const colon = spec.indexOf(':');
  const kind = colon === -1 ? spec : spec.slice(0, colon);
  const rest = colon === -1 ? '' : spec.slice(colon + 1);
  if (kind === 'varnish') {
    const urls = rest.split(',').map((u) => httpUrl(u.trim()));
    if (rest === '' || urls.some((u) => u === null))
      return { ok: false, message: 'varnish: needs one or more http(s) addresses, e.g. varnish:http://127.0.0.1:6081' };
    return { ok: true, target: { kind, urls: urls as string[] } };
  }
  if (kind === 'fastly' || kind === 'cloudflare') {
    if (!ID.test(rest))
      return { ok: false, message: `${kind}: needs the ${kind === 'fastly' ? 'service' : 'zone'} id` };
    if (!token) return { ok: false, message: `${kind} purging needs DATELINE_PURGE_TOKEN (an API token)` };
    const base = api === undefined ? (kind === 'fastly' ? FASTLY_API : CLOUDFLARE_API) : httpUrl(api);
    if (base === null) return { ok: false, message: 'DATELINE_PURGE_API must be an http(s) address' };
    return {
      ok: true,
      target:
        kind === 'fastly' ? { kind, serviceId: rest, token, api: base } : { kind, zoneId: rest, token, api: base },
    };
  }
  return { ok: false, message: 'must be varnish:URL, fastly:SERVICE_ID, cloudflare:ZONE_ID or none' };
};
