import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { NewsroomErrorPage } from '../../views/newsroom/DeskPages.js';
import { badRequest, errorBody, toHttpError } from '../errors.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { chromeOf, sendPage, wantsJson } from './request-context.js';

/** The multipart parser reports a cut-off or malformed body as a plain Error: the sender's mistake, a 400. */
const isMultipartBreak = (error: unknown): boolean =>
  error instanceof Error && !('statusCode' in error) && /multipart|part header|end of form/i.test(error.message);

/**
 * The newsroom's one error handler: every refusal a route or guard throws becomes the newsroom's error page,
 * or the JSON envelope for the editor's scripts (by `Accept`). Server faults are logged and stay 500s.
 */
export const newsroomErrorHandler =
  (deps: NewsroomDeps) => (error: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) => {
    const answer = isMultipartBreak(error)
      ? badRequest('The form data was cut off or malformed. Send the form again.')
      : toHttpError(error);
    reply.code(answer.status).header('cache-control', 'no-store');
    if (wantsJson(req)) return reply.send(errorBody(answer));
    return sendPage(
      reply,
      answer.status,
      <NewsroomErrorPage
        chrome={chromeOf(deps, req, reply)}
        status={answer.status}
        title={answer.title}
        message={answer.message}
      />,
    );
  };
