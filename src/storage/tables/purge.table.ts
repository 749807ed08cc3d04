import type { Generated } from 'kysely';

/** Surrogate keys a change made stale, queued for the cache in front (migration 2026_12_03_0010). */
export interface PurgeRequestTable {
  id: Generated<number>;
  /** The keys, space-separated, as Surrogate-Key headers write them. */
  keys: string;
  created_at: number;
  attempts: Generated<number>;
  /** When the next attempt is due; null once sent or given up. */
  next_attempt_at: number | null;
  /** A process holds the row until then (claim names it); null when free. */
  claimed_until: number | null;
  claim: string | null;
  last_error: string | null;
  sent_at: number | null;
}
