import { BlockList, isIP } from 'node:net';

/**
 * The server-side request forgery guard of webhooks (issue 16): a target whose address is not on the public
 * internet is refused, so a webhook cannot reach the database, the cache, a cloud's metadata service or anything
 * else only the server can see. Every address the name resolves to is checked, and the one checked is the one
 * connected to (webhook-sender.ts), so the name cannot resolve to another address in between.
 */

const IPV4: [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared (carrier-grade NAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];
const IPV6: [string, number, string][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
  ['100::', 64, 'discard'],
];

/**
 * Every range above in one list, made at the first check: Node's BlockList loads its resolver module with it, which a
 * server that sends no webhook never needs (docs/architecture/0030-cold-start-and-memory.md, "Later: built-in modules
 * a server never uses").
 */
let notPublic: BlockList | null = null;
const notPublicList = (): BlockList => {
  if (notPublic) return notPublic;
  const list = new BlockList();
  for (const [net, bits] of IPV4) list.addSubnet(net, bits, 'ipv4');
  for (const [net, bits] of IPV6) list.addSubnet(net, bits, 'ipv6');
  return (notPublic = list);
};

/** The eight 16-bit groups of an IPv6 address (a dotted IPv4 tail read as two groups). */
const groupsOf = (address: string): number[] => {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, null];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === null ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => parseInt(g, 16));
};

const ipv4Of = (hi: number, lo: number): string => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/**
 * The IPv4 address an IPv6 one carries and that a host would reach instead: IPv4-mapped (::ffff:a.b.c.d),
 * IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16); null when it carries none.
 */
const embeddedIpv4 = (address: string): string | null => {
  const g = groupsOf(address);
  if (g.length !== 8 || g.some((x) => Number.isNaN(x))) return null;
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(5) && g[5] === 0xffff) return ipv4Of(g[6]!, g[7]!);
  if (zeroTo(6) && (g[6] !== 0 || g[7]! > 1)) return ipv4Of(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return ipv4Of(g[6]!, g[7]!);
  if (g[0] === 0x2002) return ipv4Of(g[1]!, g[2]!);
  return null;
};

/** Why `address` (an IP address) is not on the public internet, e.g. "loopback"; null when it is public. */
export const notPublicReason = (address: string): string | null => {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4 !== null) return notPublicReason(v4);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (!notPublicList().check(address, type)) return null;
  for (const [net, bits, kind] of family === 4 ? IPV4 : IPV6) {
    const one = new BlockList();
    one.addSubnet(net, bits, type);
    if (one.check(address, type)) return kind;
  }
  return 'not public';
};

export type ResolvedTarget = { ok: true; address: string; family: 4 | 6 } | { ok: false; reason: string };

/** Resolves a name to every address it has; a test gives its own resolver. */
export type Resolve = (hostname: string) => Promise<{ address: string; family: number }[]>;

/** The system's resolver, loaded at the first delivery: a server that sends no webhook never needs it. */
export const systemResolve: Resolve = async (hostname) =>
  (await import('node:dns/promises')).lookup(hostname, { all: true, verbatim: true });

/**
 * The address to connect to for `hostname` (a name or an IP literal, brackets allowed): the first it resolves to,
 * when every one of them is public or `allowPrivate` is set. One private address among public ones refuses the
 * name: which one a client would use is not ours to guess.
 */
export const resolveTarget = async (
  hostname: string,
  allowPrivate: boolean,
  resolve: Resolve = systemResolve,
): Promise<ResolvedTarget> => {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  let found: { address: string; family: number }[];
  if (isIP(bare) !== 0) found = [{ address: bare, family: isIP(bare) }];
  else {
    try {
      found = await resolve(bare);
    } catch (error) {
      return {
        ok: false,
        reason: `${bare} does not resolve (${(error as { code?: string }).code ?? 'lookup failed'})`,
      };
    }
  }
  if (found.length === 0) return { ok: false, reason: `${bare} has no address` };
  if (!allowPrivate) {
    for (const { address } of found) {
      const why = notPublicReason(address);
      if (why !== null) return { ok: false, reason: `${address} is a ${why} address` };
    }
  }
  const first = found[0]!;
  return { ok: true, address: first.address, family: first.family === 6 ? 6 : 4 };
};
