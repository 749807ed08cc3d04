import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * Route schemas are zod schemas, checked by fastify-type-provider-zod before a handler runs; a request that
 * does not fit gets a 400 from the error handler and the handler receives typed values.
 */
/** The app (or a plugin scope) with route option types taken from zod schemas. */
export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

/** A query string we do not read: any keys, kept as strings (tracking parameters and the like). */
export const AnyQuery = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** No path parameters. */
export const NoParams = z.object({});
