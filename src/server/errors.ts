/**
 * Every error a reader or API client can meet, defined once. The error handler in app.ts turns them into
 * an HTML page or a JSON body with the code; nothing else decides status codes or wording.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** Short, for the page title. */
    readonly title: string,
    /** A sentence for the reader. */
    message: string,
  ) {
    super(message);
  }
}

export const pageNotFound = () =>
  new HttpError(404, 'not_found', 'Page not found', 'We could not find that page. It may have moved, or the address may be mistyped.');

export const articleNotFound = () =>
  new HttpError(404, 'article_not_found', 'Article not found', 'We could not find that article. It may have been removed or the address may be mistyped.');

export const sectionNotFound = () =>
  new HttpError(404, 'section_not_found', 'Section not found', 'There is no section at that address.');

export const pageOutOfRange = (totalPages: number) =>
  new HttpError(404, 'page_out_of_range', 'No such page', `This list has ${totalPages} ${totalPages === 1 ? 'page' : 'pages'}.`);

export const invalidPageNumber = () =>
  new HttpError(400, 'invalid_page_number', 'Bad page number', 'The page number must be a whole number from 1 upwards.');

export const badRequest = (message: string) => new HttpError(400, 'bad_request', 'Bad request', message);

export const internalError = () =>
  new HttpError(500, 'internal_error', 'Something went wrong', 'Something went wrong on our side. Please try again in a moment.');

/** Maps Fastify's own and unexpected errors to one of ours: client mistakes stay 4xx, the rest is a 500. */
export const toHttpError = (error: unknown): HttpError => {
  if (error instanceof HttpError) return error;
  const status = (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 404) return pageNotFound();
    if (status === 413) return new HttpError(413, 'payload_too_large', 'Too large', 'The request body is too large.');
    if (status === 415) return new HttpError(415, 'unsupported_media_type', 'Unsupported type', 'That content type is not accepted here.');
    if (status === 405) return new HttpError(405, 'method_not_allowed', 'Not allowed', 'That method is not allowed here.');
    return badRequest('The request could not be understood.');
  }
  return internalError();
};
