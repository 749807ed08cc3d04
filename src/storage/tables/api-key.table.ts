/** A key of the Ghost-compatible APIs (issue 16): a content key (read-only, public) or an admin key. */
export interface ApiKeyTable {
  /** 24 hex digits; for an admin key, the JWT's `kid`. */
  id: string;
  name: string;
  /** content | admin; parsed where rows become keys (services/api-keys.ts). */
  type: string;
  /** The content key itself (26 hex digits), public by design; null for an admin key. */
  content_key: string | null;
  /** An admin key's secret sealed with the installation's key file (services/secret-key.ts); null for a content key. */
  secret_sealed: string | null;
  created_at: number;
  /** The newsroom account that made it; null when made from the CLI (or the account is gone). */
  created_by: number | null;
  /** Written at most once a minute per key and process, so a busy client does not write on every request. */
  last_used_at: number | null;
  revoked_at: number | null;
}
