import type { AdminTokenRefusal } from '../../services/admin-token.js';
import { InvalidInput, NotFound } from '../../services/errors.js';
import { ArticleConflict } from '../../services/save-article.js';
import { PageConflict } from '../../services/save-publication-page.js';
import { ImageRejected } from '../../services/store-image.js';
import { GhostApiError, toGhostApiError } from './content-api-errors.js';

/**
 * The Admin API's errors in Ghost's envelope (content-api-errors.ts has the class and the sending): the types
 * Ghost's Admin API answers with, so `@tryghost/admin-api` names each error as Ghost's would be named.
 */

export const missingToken = () =>
  new GhostApiError(
    401,
    'UnauthorizedError',
    'Authorization failed',
    'Send the request with "Authorization: Ghost {token}", a JWT signed with an Admin API key. Staff sessions are not accepted here.',
  );

const TOKEN_PROBLEMS: Record<AdminTokenRefusal, string> = {
  malformed: 'The token is not a JWT of the form Ghost signs.',
  algorithm: 'The token must be signed with HS256.',
  unknown_key: 'Unknown Admin API Key.',
  signature: 'The token’s signature does not match its key.',
  audience: 'The token was not made for the Admin API (its audience must be /admin/).',
  lifetime: 'The token may live at most five minutes.',
  expired: 'The token has expired: sign a new one.',
  not_yet_valid: 'The token was issued in the future: check the clock of the machine that signed it.',
  revoked: 'The Admin API Key was revoked.',
};

export const refusedToken = (reason: AdminTokenRefusal) =>
  new GhostApiError(401, 'UnauthorizedError', 'Invalid token', TOKEN_PROBLEMS[reason]);

export const notPermitted = (message: string, context: string | null = null) =>
  new GhostApiError(403, 'NoPermissionError', message, context);

export const invalidData = (message: string, context: string | null = null) =>
  new GhostApiError(422, 'ValidationError', message, context);

export const updateCollision = () =>
  new GhostApiError(
    409,
    'UpdateCollisionError',
    'Saving failed! Someone else is editing this post.',
    'The updated_at sent is not the last save: read the post again and edit that.',
  );

/** Anything thrown in the Admin API's scope as Ghost's error: refusals of ours keep their meaning, never a 500. */
export const toAdminApiError = (error: unknown): GhostApiError => {
  if (error instanceof GhostApiError) return error;
  if (error instanceof InvalidInput) {
    const [field, message] = Object.entries(error.fields)[0] ?? ['form', error.message];
    return invalidData(`Validation error, cannot save ${field === 'form' ? 'this' : field}.`, message);
  }
  if (error instanceof ArticleConflict || error instanceof PageConflict) return updateCollision();
  if (error instanceof NotFound) return new GhostApiError(404, 'NotFoundError', `${error.what} not found.`);
  if (error instanceof ImageRejected) {
    return new GhostApiError(415, 'UnsupportedMediaTypeError', 'Please select a valid image.', error.message);
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || code === 'FST_REQ_FILE_TOO_LARGE') {
    return new GhostApiError(413, 'RequestEntityTooLargeError', 'Request is larger than the maximum size.');
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new GhostApiError(415, 'UnsupportedMediaTypeError', 'Send JSON (or a multipart form for uploads).');
  }
  return toGhostApiError(error);
};
