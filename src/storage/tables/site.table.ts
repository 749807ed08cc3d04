export interface SettingTable {
  key: string;
  /** JSON */
  value: string;
}

/** One row (id = 1) whose version moves on every content write; each process polls it to drop stale pages. */
export interface ContentStateTable {
  id: number;
  version: number;
}
