import type { Generated } from 'kysely';

/** A webhook of an API key (Ghost's integration): one event sent to one address (issue 16). */
export interface WebhookTable {
  /** 24 hex digits, as Ghost's ids. */
  id: string;
  api_key_id: string;
  /** One of WEBHOOK_EVENTS (services/webhooks.ts); parsed there. */
  event: string;
  target_url: string;
  name: string | null;
  /** Kept in clear, as Ghost keeps it: signing needs the secret itself. Null: deliveries go unsigned. */
  secret: string | null;
  created_at: number;
  updated_at: number;
  last_triggered_at: number | null;
  last_triggered_status: number | null;
  last_triggered_error: string | null;
}

/** One event to send to one webhook: queued, then the log of how it went. */
export interface WebhookDeliveryTable {
  id: Generated<number>;
  webhook_id: string;
  event: string;
  /** The JSON sent, exactly: the signature is made over these bytes. */
  body: string;
  attempts: Generated<number>;
  /** When the next attempt is due; null once sent or given up. */
  next_attempt_at: number | null;
  /** A process sending it holds it until then; past it, another may take it (the first one died). */
  claimed_until: number | null;
  /** Which process's claim it is: only that one records the attempt. */
  claim: string | null;
  /** The receiver's HTTP status at the last attempt; null when none came (refused, timed out, no connection). */
  last_status: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  last_attempt_at: number | null;
  sent_at: number | null;
  created_at: number;
}
