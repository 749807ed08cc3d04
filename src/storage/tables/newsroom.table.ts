import type { Generated } from 'kysely';

export interface UserAccountTable {
  id: Generated<number>;
  email: string;
  name: string;
  /** contributor | editor | admin; parsed with isRole where rows become accounts. */
  role: string;
  password_hash: string;
  created_at: number;
  /** 1 when the account may not sign in: an integer because SQLite has no boolean. */
  disabled: Generated<number>;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export interface LoginFailureTable {
  /** "email:…" or "ip:…" */
  key: string;
  at: number;
}

export interface ArticleRevisionTable {
  article_id: number;
  revision: number;
  saved_by: number | null;
  /** The API key (an integration of the Admin API) that made the save; null for a newsroom account's or the CLI's. */
  saved_by_key: string | null;
  saved_at: number;
  /** JSON of the article's editable fields at that revision. */
  snapshot: string;
  /** 1 for an autosave: the next autosave by the same person rewrites this row instead of adding one. */
  autosave: Generated<number>;
  /** The snapshot's length in bytes, so a list shows it without reading the snapshot. */
  size: Generated<number>;
  /** The state the save left the article in (an ArticleStatus); null when an old copy held none readable. */
  status: string | null;
  /** 1 for the scheduler's going live (a copy of the revision before, now published); 0 for every save. */
  by_schedule: Generated<number>;
}

export interface CorrectionTable {
  id: Generated<number>;
  article_id: number;
  /** correction | clarification | editors-note */
  kind: string;
  text: string;
  created_at: number;
  created_by: number | null;
}
