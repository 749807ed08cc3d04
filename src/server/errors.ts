import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ArticleConflict } from '../services/save-article.js';
import { ImageRejected } from '../services/store-image.js';
import { InvalidInput, NotAllowed, NotFound, WorkflowRefused, type FieldErrors } from '../services/errors.js';

/**
 * Every error a reader, an editor or an API client can meet, defined once. The error handlers (app.ts, and the
 * newsroom's) turn them into an HTML page or the one JSON envelope `{ error: { code, message, fields? } }`;
 * nothing else decides status codes or wording.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** Short, for the page title. */
    readonly title: string,
    /** A sentence for the reader. */
    message: string,
    /** Field → message, when the input of a form or an API call did not fit. */
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }
}

/** The JSON body of an error: the same envelope for every JSON answer of ours. */
export const errorBody = (error: HttpError) => ({
  error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
});

export const pageNotFound = () =>
  new HttpError(
    404,
    'not_found',
    'Page not found',
    'We could not find that page. It may have moved, or the address may be mistyped.',
  );

export const articleNotFound = () =>
  new HttpError(
    404,
    'article_not_found',
    'Article not found',
    'We could not find that article. It may have been removed or the address may be mistyped.',
  );

export const sectionNotFound = () =>
  new HttpError(404, 'section_not_found', 'Section not found', 'There is no section at that address.');

export const authorNotFound = () =>
  new HttpError(404, 'author_not_found', 'Author not found', 'There is no author at that address.');

export const tagNotFound = () =>
  new HttpError(404, 'tag_not_found', 'Topic not found', 'No published article carries that topic.');

export const pageOutOfRange = (totalPages: number) =>
  new HttpError(
    404,
    'page_out_of_range',
    'No such page',
    `This list has ${totalPages} ${totalPages === 1 ? 'page' : 'pages'}.`,
  );

export const invalidPageNumber = () =>
  new HttpError(
    400,
    'invalid_page_number',
    'Bad page number',
    'The page number must be a whole number from 1 upwards.',
  );

export const badRequest = (message: string) => new HttpError(400, 'bad_request', 'Bad request', message);

export const internalError = () =>
  new HttpError(
    500,
    'internal_error',
    'Something went wrong',
    'Something went wrong on our side. Please try again in a moment.',
  );

/**
 * The database could not write for want of disk space: SQLite's SQLITE_FULL, PostgreSQL's disk_full (53100).
 * Not the writer's fault and not a bug either: a 503 that says what happened and that nothing was saved, so an
 * editor keeps the text and an operator reading the log sees the disk at once.
 */
export const storageFull = () =>
  new HttpError(
    503,
    'storage_full',
    'Disk full',
    "The server's disk is full; your text was not saved, it is still in the form. Try again once space is freed.",
  );

/** SQLite's SQLITE_FULL or PostgreSQL's disk_full (53100): the write failed for want of space, not for its content. */
export const isStorageFull = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === '53100';
};

const invalidRequest = (fields: FieldErrors, code = 'invalid_request') =>
  new HttpError(
    400,
    code,
    'Bad request',
    `Some values of the request are not valid: ${Object.values(fields).join(' ')}`,
    fields,
  );

/** The services' refusals (services/errors.ts) as answers. */
const fromServiceError = (error: unknown): HttpError | null => {
  if (error instanceof NotFound) {
    return new HttpError(404, `${error.what}_not_found`, `No such ${error.what}`, error.message);
  }
  if (error instanceof NotAllowed) return new HttpError(403, 'forbidden', 'Not allowed', error.message);
  if (error instanceof InvalidInput) {
    return new HttpError(400, 'invalid', 'Some fields need attention', error.message, error.fields);
  }
  if (error instanceof WorkflowRefused) return new HttpError(error.status, 'refused', 'Not possible', error.message);
  if (error instanceof ArticleConflict) {
    const message = 'Someone else saved this article; press Save to merge their changes with yours';
    return new HttpError(409, 'conflict', 'Saved meanwhile', message);
  }
  if (error instanceof ImageRejected) {
    return new HttpError(400, 'image_rejected', 'Image not accepted', `The image was not accepted: ${error.message}.`);
  }
  return null;
};

/**
 * A request that did not fit its route's schema: a path that names nothing is a 404, the rest a 400 by field,
 * under the route's own code when it names one (`config.invalidRequestCode`).
 */
const fromValidationError = (error: unknown, code?: string): HttpError | null => {
  if (!hasZodFastifySchemaValidationErrors(error)) return null;
  if ((error as { validationContext?: string }).validationContext === 'params') return pageNotFound();
  const fields: FieldErrors = {};
  for (const issue of error.validation) {
    fields[issue.instancePath.split('/')[1] || 'form'] ??= issue.message ?? 'This value is not valid.';
  }
  return invalidRequest(fields, code);
};

/** Maps our, the services' and Fastify's errors to one answer: client mistakes stay 4xx, the rest is a 500. */
export const toHttpError = (error: unknown, invalidRequestCode?: string): HttpError => {
  if (error instanceof HttpError) return error;
  const known = fromServiceError(error) ?? fromValidationError(error, invalidRequestCode);
  if (known) return known;
  if (isStorageFull(error)) return storageFull();
  const status = (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 404) return pageNotFound();
    if (status === 413) return new HttpError(413, 'payload_too_large', 'Too large', 'The request body is too large.');
    if (status === 415)
      return new HttpError(
        415,
        'unsupported_media_type',
        'Unsupported type',
        'That content type is not accepted here.',
      );
    if (status === 405)
      return new HttpError(405, 'method_not_allowed', 'Not allowed', 'That method is not allowed here.');
    return badRequest('The request could not be understood.');
  }
  return internalError();
};
