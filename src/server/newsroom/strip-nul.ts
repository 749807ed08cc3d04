import type { FastifyRequest } from 'fastify';

/**
 * PostgreSQL cannot store U+0000 in text ("invalid byte sequence for encoding UTF8: 0x00"), so a form carrying one
 * turned into a 500 there while SQLite stored it. No field of ours has a use for it: it is dropped from every form
 * value and query string as the request is read, before validation, so both backends see the same text.
 */
export const withoutNul = (value: unknown): unknown => {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const clean: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) clean[withoutNul(key) as string] = withoutNul(v);
    return clean;
  }
  return value;
};

/** preValidation hook: runs once the body has been parsed, before the form token check, schemas and handlers. */
export const stripNulFromRequest = async (req: FastifyRequest): Promise<void> => {
  if (req.body !== undefined && req.body !== null) req.body = withoutNul(req.body);
  if (req.query !== undefined && req.query !== null) req.query = withoutNul(req.query) as typeof req.query;
};
