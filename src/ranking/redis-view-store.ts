import { randomBytes } from 'node:crypto';
import { LONGEST_WINDOW_SECONDS, type ViewCount } from '../domain/ranking-window.js';
import {
  ADDRESS_ARTICLE_HOURLY_CAP,
  ADDRESS_HOURLY_CAP,
  DEDUPE_SECONDS,
  VISITOR_HOURLY_CAP,
  type ViewCandidate,
} from './view-candidate.js';
import { createRedisHourly } from './redis-hourly.js';
import { packCounts, unpackCounts, type ViewStore } from './view-store.js';

/** All the store needs of a Redis client: raw commands (node-redis pipelines those sent in one tick). */
export interface RedisCommands {
  sendCommand(args: (string | Buffer)[]): Promise<unknown>;
}
type Reply = string | number | null | Reply[];

/** Hashes per hour: each holds a sixteenth of an hour's readers, so one expiring frees its memory in small steps. */
const GATE_SHARDS = 16;
/** Bytes per packed candidate: four fields of a type letter and a 48-bit key, and the second (32 bits). */
const PACKED_BYTES = 32;

/**
 * The gate's state lives in hashes, one per hour and shard (`gate:{hour}:{shard}`, the shard taken from the
 * address, so a candidate's four fields are in one hash): the second each visitor-article pair last counted, and
 * the hour's counters of each visitor, address and article, and address. Separate keys cost Redis some eleven
 * calls a view (a GET of each, an INCR of each counter, an EXPIRE of each new one, a SET of the pair); here it is
 * three: one HMGET, one HGET of the pair in the neighbouring hour the 30 minutes may reach into, one HSET of
 * all four: half the Redis CPU a candidate, and half the memory (record 0007, "Redis keeps the gate in hashes").
 *
 * KEYS: the hashes of the hours from the chunk's first hour minus one to its last plus one, GATE_SHARDS per hour
 * in shard order. ARGV: dedupe seconds, the three caps (visitor, address and article, address), the caller's
 * second, the chunk's first hour, then the candidates packed 32 bytes each (`packCandidates`). Returns one byte
 * per candidate, "1" counted or "0", in order. Every rule is checked before anything is written, so a view
 * refused by one rule consumes nothing of the others and does not mark its pair seen.
 */
const ADMIT_SCRIPT = `
local dedupe = tonumber(ARGV[1])
local capVisitor, capBoth, capAddress = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local now, firstHour, packed = tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7]
local shards = ${GATE_SHARDS}
-- Counters as text and back by table, not by tostring and tonumber (printf and strtod were a tenth of the work).
local text, count = {}, {}
for n = 0, math.max(capVisitor, capBoth, capAddress) + 1 do
  text[n] = tostring(n)
  count[text[n]] = n
end
local function counter(value)
  if not value then return 0 end
  return count[value] or tonumber(value)
end
-- A pair's second is kept as the four bytes it came in.
local function recent(last, second)
  return last and second - struct.unpack('>I4', last) < dedupe
end
local out, written = {}, {}
for i = 1, #packed / ${PACKED_BYTES} do
  local o = (i - 1) * ${PACKED_BYTES}
  local pair, visitor = string.sub(packed, o + 1, o + 7), string.sub(packed, o + 8, o + 14)
  local both, address = string.sub(packed, o + 15, o + 21), string.sub(packed, o + 22, o + 28)
  local second = struct.unpack('>I4', packed, o + 29)
  local hour = math.floor(second / 3600)
  local slot = (hour - firstHour + 1) * shards + string.byte(packed, o + 28) % shards + 1
  local got = redis.call('HMGET', KEYS[slot], pair, visitor, both, address)
  local admit = not recent(got[1], second)
  local into = second - hour * 3600
  if admit and into < dedupe and recent(redis.call('HGET', KEYS[slot - shards], pair), second) then admit = false end
  if admit and 3600 - into <= dedupe and recent(redis.call('HGET', KEYS[slot + shards], pair), second) then
    admit = false
  end
  local v, b, a = counter(got[2]), counter(got[3]), counter(got[4])
  if admit and v < capVisitor and b < capBoth and a < capAddress then
    redis.call('HSET', KEYS[slot], pair, string.sub(packed, o + 29, o + 32),
      visitor, text[v + 1] or v + 1, both, text[b + 1] or b + 1, address, text[a + 1] or a + 1)
    written[slot] = hour
    out[i] = '1'
  else
    out[i] = '0'
  end
end
-- A hash is kept until an hour after the last on-time candidate could need it: the end of its hour, plus the
-- dedupe reaching into the next, plus an hour for candidates held back by an outage.
for slot, hour in pairs(written) do
  redis.call('EXPIRE', KEYS[slot], math.max(60, (hour + 1) * 3600 + dedupe + 3600 - now))
end
return table.concat(out)`;

/**
 * Candidates as the admit script reads them: for each, the hash fields `p`+pair, `v`+visitor, `c`+address and
 * article, `a`+address (a letter and six bytes), then the second. One buffer instead of five strings a candidate.
 */
export const packCandidates = (candidates: readonly ViewCandidate[], from: number, to: number): Buffer => {
  const packed = Buffer.allocUnsafe((to - from) * PACKED_BYTES);
  let o = 0;
  for (let i = from; i < to; i++) {
    const c = candidates[i]!;
    packed[o] = 0x70; // p
    packed.writeUIntBE(c.pairKey, o + 1, 6);
    packed[o + 7] = 0x76; // v
    packed.writeUIntBE(c.visitorKey, o + 8, 6);
    packed[o + 14] = 0x63; // c
    packed.writeUIntBE(c.addressArticleKey, o + 15, 6);
    packed[o + 21] = 0x61; // a
    packed.writeUIntBE(c.addressKey, o + 22, 6);
    packed.writeUInt32BE(c.second, o + 28);
    o += PACKED_BYTES;
  }
  return packed;
};

const ADMIT_CAPS = [DEDUPE_SECONDS, VISITOR_HOURLY_CAP, ADDRESS_ARTICLE_HOURLY_CAP, ADDRESS_HOURLY_CAP].map(String);

/** Candidates per script call: large enough to save round trips, small enough not to stall Redis. */
const ADMIT_CHUNK = 500;
/** Hours one script call covers at most; with the hour before and after, its keys are this plus two hours' hashes. */
const MAX_CHUNK_HOURS = 2;

/**
 * The scaled-out backend. Dedupe and cap are fields of Redis hashes that expire (the admit script above), so every
 * node agrees on them; counted views go to a stream that every node reads into its own in-memory windows, so every node serves the same
 * ranking; hourly sorted sets keep per-hour counts for charts. node-redis pipelines the commands issued in
 * one tick; a flush of thousands of views is one script call per 500. Window maintenance (trimming the stream)
 * is done by whichever node holds a short lock.
 */
export const createRedisViewStore = (redis: RedisCommands, prefix = 'dateline:'): ViewStore => {
  const k = {
    gate: (hour: number, shard: number) => `${prefix}gate:${hour}:${shard}`,
    log: `${prefix}views:log`,
    hour: (hour: number) => `${prefix}views:hour:${hour}`,
    folded: `${prefix}views:hour-folded`,
    salt: (day: number) => `${prefix}salt:${day}`,
    lock: `${prefix}views:maintenance`,
  };
  const cmd = (args: (string | Buffer)[]) => redis.sendCommand(args) as Promise<Reply>;
  const hourly = createRedisHourly(cmd, k);
  let admitSha: string | null = null;
  // Decided by each view's own second (not Redis's clock), in order, atomically per chunk, so the rules are
  // the same as in memory: dedupe first, then the caps; a capped view does not mark the pair seen.
  // `command` is the whole EVALSHA command, its script slot (index 1) filled here.
  const evalAdmit = async (command: (string | Buffer)[]): Promise<Reply> => {
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
    async admit(candidates, nowSecond) {
      let verdicts = '';
      for (let at = 0, end = 0; at < candidates.length; at = end) {
        // A chunk spans at most MAX_CHUNK_HOURS hours (candidates come in time order, so a flush's are within one
        // or two): the script is given every hash those hours may touch.
        let first = Math.floor(candidates[at]!.second / 3600);
        let last = first;
        for (end = at + 1; end < candidates.length && end - at < ADMIT_CHUNK; end++) {
          const hour = Math.floor(candidates[end]!.second / 3600);
          if (Math.max(last, hour) - Math.min(first, hour) >= MAX_CHUNK_HOURS) break;
          first = Math.min(first, hour);
          last = Math.max(last, hour);
        }
        // The hours' hashes, with the hour before and after for a pair seen across an hour's edge.
        const keys: string[] = [];
        for (let hour = first - 1; hour <= last + 1; hour++)
          for (let shard = 0; shard < GATE_SHARDS; shard++) keys.push(k.gate(hour, shard));
        const command: (string | Buffer)[] = ['', '', String(keys.length), ...keys, ...ADMIT_CAPS];
        command.push(String(nowSecond), String(first), packCandidates(candidates, at, end));
        verdicts += String(await evalAdmit(command));
      }
      return candidates.filter((_, i) => verdicts.charCodeAt(i) === 49); // "1"
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
