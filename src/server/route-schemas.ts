import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseRowId } from '../domain/ids.js';

/**
 * Route schemas are zod schemas, checked by fastify-type-provider-zod before a handler runs; a request that
 * does not fit gets a 400 from the error handler and the handler receives typed values.
 */
declare module 'fastify' {
  interface FastifyContextConfig {
    /** The error code of a request that does not fit this route's schema (default `invalid_request`). */
    invalidRequestCode?: string;
  }
}

/** The app (or a plugin scope) with route option types taken from zod schemas. */
export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

/** The query of a route that reads none: whatever a link added (tracking parameters and the like) is ignored. */
export const IgnoredQuery = z.object({}).catchall(z.unknown());

/** A text field of a form: what was typed, or empty when the field was not sent. */
export const FormText = z.string().default('');

/**
 * A form's body: the fields it declares, each a string (a repeated field is a 400), others dropped. An empty
 * POST reads as an empty form, so its fields get their messages from the service, not a bare 400.
 */
export const formBody = <T extends z.ZodRawShape>(shape: T) =>
  z.preprocess((v) => v ?? {}, z.object({ _csrf: z.string().optional(), ...shape }));

/** A form whose field names are data (curation's `pos_<id>`): string values by name. */
export const DynamicForm = z.preprocess((v) => v ?? {}, z.record(z.string(), z.unknown()));

/** `?saved=1` after a redirect from a successful save. */
export const SavedQuery = z.object({ saved: z.string().optional() });

/** A row id in a path or a field; anything else names nothing (a 404 in a path). */
export const RowId = z
  .string()
  .refine((raw) => parseRowId(raw) !== null, 'Not an id.')
  .transform(Number);

export const IdParams = z.object({ id: RowId });
