import { LONGEST_WINDOW_SECONDS } from '../domain/ranking-window.js';
import { sumByHour, unpackCounts } from './view-store.js';

type Reply = string | number | null | Reply[];
/** Raw commands, as the view store sends them. */
export type SendCommand = (args: string[]) => Promise<Reply>;

/** An hour's set outlives the longest window by two days, for the charts of the days before it. */
export const HOURLY_TTL_SECONDS = LONGEST_WINDOW_SECONDS + 2 * 86_400;
/** Stream entries read per fold step; each step is one script call. */
const FOLD_BATCH = 1_000;

// KEYS: the watermark (none reads as 0-0), then one hourly set per hour. ARGV: the watermark the caller read, the new one, the sets'
// time to live, then per hourly set the number of its (article, views) pairs followed by the pairs. Applies the
// sums and moves the watermark only if nobody moved it since the caller read it; returns 1 if applied, else 0.
const FOLD_SCRIPT = `
if (redis.call('GET', KEYS[1]) or '0-0') ~= ARGV[1] then return 0 end
local at = 4
for i = 2, #KEYS do
  local pairs = tonumber(ARGV[at])
  at = at + 1
  for _ = 1, pairs do
    redis.call('ZINCRBY', KEYS[i], ARGV[at + 1], ARGV[at])
    at = at + 2
  end
  redis.call('EXPIRE', KEYS[i], ARGV[3])
end
redis.call('SET', KEYS[1], ARGV[2])
return 1`;

export interface RedisHourlyKeys {
  /** The stream of counted views. */
  log: string;
  /** The sorted set of one hour: article id → views. */
  hour(hour: number): string;
  /** The id of the last stream entry added to the hours. */
  folded: string;
}

/**
 * Hourly view totals for the newsroom's charts, derived from the durable stream of counted views rather than
 * from what a process holds in memory: a watermark says which entries are in the hours, and one script adds a
 * step of entries and moves the watermark together, on the condition that the watermark is still where the
 * folder read it. So a process killed at any point loses nothing (the next fold takes its entries from the
 * stream) and two folders never add an entry twice (the second one's condition fails).
 */
export interface RedisHourly {
  /** Sets the watermark to the stream's end if there is none yet; must happen before this process first appends. */
  prepare(): Promise<void>;
  /** Adds the entries past the watermark to the hours. Safe to run from every node at once. */
  fold(): Promise<void>;
  /** Views per hour of one article, oldest first, for the last `hours` hours, after folding. */
  hourlyViews(articleId: number, nowSecond: number, hours: number): Promise<number[]>;
}

/** Sums counts per hour and article, as the script's arguments for those hours. */
export const createRedisHourly = (cmd: SendCommand, keys: RedisHourlyKeys): RedisHourly => {
  let prepared: Promise<void> | null = null;
  let folding: Promise<void> | null = null;

  /*
   * A store without a watermark is new, or older than the watermark: then its hourly sets already hold what its
   * stream holds (added from memory, once a minute), and folding from the stream's start would count it twice.
   * Starting at the end loses at most the minute the old code had not yet added.
   */
  const prepare = (): Promise<void> => {
    prepared ??= (async () => {
      const last = (await cmd(['XREVRANGE', keys.log, '+', '-', 'COUNT', '1'])) as [string, string[]][];
      await cmd(['SET', keys.folded, last[0]?.[0] ?? '0-0', 'NX']);
    })().catch((error: unknown) => {
      prepared = null;
      throw error;
    });
    return prepared;
  };

  /** One step: returns whether there may be more to fold. */
  const foldStep = async (): Promise<boolean> => {
    // No watermark after prepare(): Redis lost its data (a restart without persistence), the stream with it.
    const from = ((await cmd(['GET', keys.folded])) as string | null) ?? '0-0';
    const entries = (await cmd(['XRANGE', keys.log, `(${from}`, '+', 'COUNT', String(FOLD_BATCH)])) as [
      string,
      string[],
    ][];
    if (entries.length === 0) return false;
    const counts = entries.flatMap(([, fields]) => (fields[1] ? unpackCounts(Buffer.from(fields[1], 'base64')) : []));
    // The script takes, per hour's key, how many articles follow and then each article's id and views.
    const byHour = new Map<number, string[]>();
    for (const [hour, articleId, views] of sumByHour(counts)) {
      const pairs = byHour.get(hour) ?? [];
      pairs.push(String(articleId), String(views));
      byHour.set(hour, pairs);
    }
    const hourKeys = [...byHour.keys()].map((h) => keys.hour(h));
    const args = [...byHour.values()].flatMap((pairs) => [String(pairs.length / 2), ...pairs]);
    const to = entries[entries.length - 1]![0];
    const applied = await cmd([
      'EVAL',
      FOLD_SCRIPT,
      String(1 + hourKeys.length),
      keys.folded,
      ...hourKeys,
      from,
      to,
      String(HOURLY_TTL_SECONDS),
      ...args,
    ]);
    // Not applied: another node folded these entries first; read its watermark and go on from there.
    return applied === 0 || entries.length === FOLD_BATCH;
  };

  const fold = (): Promise<void> => {
    folding ??= (async () => {
      await prepare();
      while (await foldStep());
    })().finally(() => {
      folding = null;
    });
    return folding;
  };

  return {
    prepare,
    fold,
    async hourlyViews(articleId, nowSecond, hours) {
      await fold();
      const current = Math.floor(nowSecond / 3600);
      const scores = await Promise.all(
        Array.from({ length: hours }, (_, i) => cmd(['ZSCORE', keys.hour(current - hours + 1 + i), String(articleId)])),
      );
      return scores.map((s) => (s === null ? 0 : Number(s)));
    },
  };
};
