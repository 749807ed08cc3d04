/**
 * Row ids are 32-bit integers in every database we support (PostgreSQL's serial is int4), so a larger
 * number in an address or a form names nothing, and must not reach a query, where PostgreSQL would refuse it.
 */
export const MAX_ROW_ID = 2_147_483_647;

/** A row id from text: digits without a leading zero, at most MAX_ROW_ID; null for anything else. */
export const parseRowId = (raw: unknown): number | null =>
  typeof raw === 'string' && /^[1-9]\d{0,9}$/.test(raw) && Number(raw) <= MAX_ROW_ID ? Number(raw) : null;
