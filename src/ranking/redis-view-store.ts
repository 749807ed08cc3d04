import { randomBytes } from 'node:crypto';
import { LONGEST_WINDOW_SECONDS, type ViewCount } from '../domain/ranking-window.js';
import {
  ADDRESS_ARTICLE_HOURLY_CAP,
  ADDRESS_HOURLY_CAP,
  DEDUPE_SECONDS,
  VISITOR_HOURLY_CAP,
} from './view-candidate.js';
import { createRedisHourly } from './redis-hourly.js';
import { packCounts, unpackCounts, type ViewStore } from './view-store.js';

/** All the store needs of a Redis client: raw commands (node-redis pipelines those sent in one tick). */
export interface RedisCommands {
  sendCommand(args: string[]): Promise<unknown>;
}
type Reply = string | number | null | Reply[];

// KEYS: per candidate, four keys: its pair's seen key, then the counters of its visitor, its address and article,
// and its address, for the candidate's hour. ARGV: dedupe seconds, the three caps in the same order, then each
// candidate's second. Returns 1 (counted) or 0 per candidate, in order. Every rule is checked before anything is
// written, so a view refused by one rule consumes nothing of the others and does not mark its pair seen.
const ADMIT_SCRIPT = `
local dedupe = tonumber(ARGV[1])
local caps = { tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]) }
local out = {}
for i = 1, #KEYS / 4 do
  local seen, second = KEYS[4 * i - 3], tonumber(ARGV[i + 4])
  local last = redis.call('GET', seen)
  local admit = not (last and second - tonumber(last) < dedupe)
  for j = 1, 3 do
    if admit and tonumber(redis.call('GET', KEYS[4 * i - 3 + j]) or '0') >= caps[j] then admit = false end
  end
  if admit then
    for j = 1, 3 do
      local counter = KEYS[4 * i - 3 + j]
      if redis.call('INCR', counter) == 1 then redis.call('EXPIRE', counter, 7200) end
    end
    redis.call('SET', seen, second, 'EX', dedupe + 3600)
    out[i] = 1
  else
    out[i] = 0
  end
end
return out`;

const ADMIT_CAPS = [DEDUPE_SECONDS, VISITOR_HOURLY_CAP, ADDRESS_ARTICLE_HOURLY_CAP, ADDRESS_HOURLY_CAP].map(String);

/** Candidates per script call: large enough to save round trips, small enough not to stall Redis. */
const ADMIT_CHUNK = 500;

/** 36^5: five base-36 digits, and less than 2^31, so both halves below are small integers. */
const FIVE_DIGITS = 36 ** 5;

/**
 * A 48-bit key in base 36, the same text as `key.toString(36)`. V8 writes a number above 2^31 in another radix
 * digit by digit with floating-point remainders (fmod): four keys a beacon made that 8% of a Redis node's CPU under
 * the beacon bench. Split into two small integers, it takes V8's integer path twice.
 */
export const base36 = (key: number): string => {
  if (key < FIVE_DIGITS) return key.toString(36);
  const high = Math.floor(key / FIVE_DIGITS);
  return high.toString(36) + (key - high * FIVE_DIGITS).toString(36).padStart(5, '0');
};

/**
 * The scaled-out backend. Dedupe and cap are Redis keys with expiry, so every node agrees on them; counted
 * views go to a stream that every node reads into its own in-memory windows, so every node serves the same
 * ranking; hourly sorted sets keep per-hour counts for charts. node-redis pipelines the commands issued in
 * one tick, so a flush of thousands of views is a few round trips. Window maintenance (trimming the stream)
 * is done by whichever node holds a short lock.
 */
export const createRedisViewStore = (redis: RedisCommands, prefix = 'dateline:'): ViewStore => {
  const k = {
    seen: (pair: number) => `${prefix}seen:${base36(pair)}`,
    cap: (visitor: number, hour: number) => `${prefix}cap:${hour}:${base36(visitor)}`,
    addressArticleCap: (key: number, hour: number) => `${prefix}cap:aa:${hour}:${base36(key)}`,
    addressCap: (address: number, hour: number) => `${prefix}cap:a:${hour}:${base36(address)}`,
    log: `${prefix}views:log`,
    hour: (hour: number) => `${prefix}views:hour:${hour}`,
    folded: `${prefix}views:hour-folded`,
    salt: (day: number) => `${prefix}salt:${day}`,
    lock: `${prefix}views:maintenance`,
  };
  const cmd = (args: string[]) => redis.sendCommand(args) as Promise<Reply>;
  const hourly = createRedisHourly(cmd, k);
  let admitSha: string | null = null;
  // Decided by each view's own second (not Redis's clock), in order, atomically per chunk, so the rules are
  // the same as in memory: dedupe first, then the caps; a capped view does not mark the pair seen.
  // `command` is the whole EVALSHA command, its script slot (index 1) filled here.
  const evalAdmit = async (command: string[]): Promise<Reply> => {
    admitSha ??= (await cmd(['SCRIPT', 'LOAD', ADMIT_SCRIPT])) as string;
    command[0] = 'EVALSHA';
    command[1] = admitSha;
    try {
      return await cmd(command);
    } catch (error) {
      // The server lost its script cache (restart, SCRIPT FLUSH): send the script itself.
      if (!String(error).includes('NOSCRIPT')) throw error;
      command[0] = 'EVAL';
      command[1] = ADMIT_SCRIPT;
      return cmd(command);
    }
  };
  const salts = new Map<number, Buffer>();
  /** Stores `salt` as the day's unless one is stored already (it expires after two days); gives the stored one. */
  const claimSalt = async (day: number, salt: Buffer): Promise<Buffer> => {
    await cmd(['SET', k.salt(day), salt.toString('base64'), 'NX', 'EX', String(2 * 86_400)]);
    return Buffer.from((await cmd(['GET', k.salt(day)])) as string, 'base64');
  };
  let cursor: string | null = null;
  const nodeId = randomBytes(8).toString('hex');

  return {
    name: 'redis',
    async admit(candidates) {
      const verdicts: Reply[] = [];
      for (let at = 0; at < candidates.length; at += ADMIT_CHUNK) {
        const end = Math.min(at + ADMIT_CHUNK, candidates.length);
        const n = end - at;
        // One array, the size of the command, filled in place: a flush of thousands of candidates was four
        // arrays per candidate (flatMap), then copies of the keys and arguments into the command by spreading.
        const command = new Array<string>(3 + 5 * n + ADMIT_CAPS.length);
        command[2] = String(4 * n);
        let k4 = 3;
        let arg = 3 + 4 * n;
        for (const cap of ADMIT_CAPS) command[arg++] = cap;
        for (let i = at; i < end; i++) {
          const c = candidates[i]!;
          const hour = Math.floor(c.second / 3600);
          command[k4++] = k.seen(c.pairKey);
          command[k4++] = k.cap(c.visitorKey, hour);
          command[k4++] = k.addressArticleCap(c.addressArticleKey, hour);
          command[k4++] = k.addressCap(c.addressKey, hour);
          command[arg++] = String(c.second);
        }
        const answer = (await evalAdmit(command)) as Reply[];
        for (const v of answer) verdicts.push(v);
      }
      return candidates.filter((_, i) => verdicts[i] === 1);
    },
    async append(counts) {
      if (counts.length === 0) return;
      // The hours' watermark must exist before this node's first entry, or that entry would count as old.
      await hourly.prepare();
      await cmd(['XADD', k.log, '*', 'c', packCounts(counts).toString('base64')]);
    },
    async readNew(nowSecond) {
      // Stream ids begin with the server's time in milliseconds: the first read starts at the window's far edge.
      let from = cursor === null ? String((nowSecond - LONGEST_WINDOW_SECONDS - 3600) * 1000) : `(${cursor}`;
      const out: ViewCount[] = [];
      for (;;) {
        const entries = (await cmd(['XRANGE', k.log, from, '+', 'COUNT', '1000'])) as [string, string[]][];
        for (const [id, fields] of entries) {
          cursor = id;
          const packed = fields[1];
          if (packed) out.push(...unpackCounts(Buffer.from(packed, 'base64')));
        }
        if (entries.length < 1000) return out;
        from = `(${cursor}`;
      }
    },
    hourlyViews: (articleId, nowSecond, hours) => hourly.hourlyViews(articleId, nowSecond, hours),
    async maintain(nowSecond) {
      // Every node forgets past days' salts; only the lock holder trims the shared log.
      const today = Math.floor(nowSecond / 86_400);
      for (const d of salts.keys()) if (d < today) salts.delete(d);
      // A Redis restarted without its data has lost the day's salt: the nodes holding it put it back, and a node
      // that made another meanwhile (started since) is given the stored one, so every node keys a reader alike again.
      for (const [day, salt] of salts) salts.set(day, await claimSalt(day, salt));
      const got = await cmd(['SET', k.lock, nodeId, 'NX', 'EX', '30']);
      if (got !== 'OK') return;
      // Before the trim: an entry must be in the hours before it may leave the stream.
      await hourly.fold();
      await cmd(['XTRIM', k.log, 'MINID', '~', String((nowSecond - LONGEST_WINDOW_SECONDS - 3600) * 1000)]);
    },
    async saltFor(day) {
      const known = salts.get(day);
      if (known) return known;
      // The first node to ask creates the day's salt; the rest read it.
      const salt = await claimSalt(day, randomBytes(32));
      salts.set(day, salt);
      return salt;
    },
    async close() {
      // The client belongs to the composition root, which closes it.
    },
  };
};
