import type { FastifyReply } from 'fastify';

/**
 * The Content API's errors in Ghost's envelope, `{ "errors": [ { "message", "type", "context" } ] }`, with Ghost's
 * types, so Ghost's client turns them into the errors its users already handle (it names each by `type`). Defined
 * once here; the Content API's scope has its own error handler (content-api-routes.ts).
 */
export class GhostApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly context: string | null = null,
  ) {
    super(message);
  }
}

export const missingKey = () =>
  new GhostApiError(
    401,
    'UnauthorizedError',
    'Authorization failed',
    'Unable to determine the authenticated integration. Send the Content API key as ?key=.',
  );

export const unknownKey = () =>
  new GhostApiError(403, 'NoPermissionError', 'Unknown Content API Key', 'The key is unknown or was revoked.');

export const resourceNotFound = (what: string) => new GhostApiError(404, 'NotFoundError', `${what} not found.`);

export const invalidQuery = (message: string, context: string) =>
  new GhostApiError(400, 'ValidationError', message, context);

/** Anything thrown in the Content API's scope as Ghost's error: client mistakes stay 4xx, the rest is a 500. */
export const toGhostApiError = (error: unknown): GhostApiError => {
  if (error instanceof GhostApiError) return error;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (status === 404) return resourceNotFound('Resource');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new GhostApiError(400, 'BadRequestError', 'The request could not be understood.');
  }
  return new GhostApiError(500, 'InternalServerError', 'An unexpected error occurred, please try again.');
};

/** Answers the error; browsers' scripts may read it too (CORS), and no one keeps it. */
export const sendGhostApiError = (reply: FastifyReply, error: GhostApiError) =>
  reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .header('access-control-allow-origin', '*')
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message: error.message, type: error.type, context: error.context }] });
