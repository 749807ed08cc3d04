import { Busboy } from '@fastify/busboy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { formValuesOf } from '../../services/article-form.js';
import { LoginPage } from '../../views/newsroom/AuthPages.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { chromeOf, sendPage, wantsJson } from './request-context.js';

/**
 * Text kept from a signed-out POST, in all. Enough for a long article and its fields; files are never kept.
 * Measured: an editor form with a 10,000-word body is about 70 KB.
 */
export const SIGNED_OUT_TEXT_LIMIT = 256 * 1024;

/**
 * Reads a signed-out request's form without keeping its files: text fields up to SIGNED_OUT_TEXT_LIMIT in all,
 * files drained as they arrive. A body that is not a form is drained and yields no fields.
 */
export const readTextFields = (req: FastifyRequest): Promise<Record<string, string>> =>
  new Promise((resolve) => {
    const fields: Record<string, string> = {};
    const done = () => resolve(fields);
    // A client that goes away mid-body gets no answer, but the request must still settle.
    req.raw.once('close', done);
    const type = String(req.headers['content-type'] ?? '');
    const drain = () => {
      req.raw.on('end', done).on('error', done);
      req.raw.resume();
    };
    if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type)) return drain();
    let kept = 0;
    let parser;
    try {
      parser = Busboy({
        headers: { ...req.headers, 'content-type': type },
        limits: { fieldSize: SIGNED_OUT_TEXT_LIMIT, fields: 100, files: 10 },
      });
    } catch {
      return drain();
    }
    // A file part cut off by the end of the body errors on its own stream: unheard, that error ends the process.
    parser.on('file', (_name, stream) => stream.on('error', () => {}).resume());
    parser.on('field', (name, value) => {
      kept += name.length + value.length;
      if (kept <= SIGNED_OUT_TEXT_LIMIT) fields[name] = value;
    });
    parser.on('finish', done);
    // A broken body still gets its answer: whatever was read before the break.
    parser.on('error', () => {
      req.raw.unpipe(parser);
      drain();
    });
    req.raw.pipe(parser);
  });

const SIGNED_OUT_MESSAGE = 'You are signed out. Sign in again, then repeat what you were doing.';

/**
 * The answer to someone signed out. Pages are sent to sign-in; a POST is refused with 401, never redirected:
 * an editor save gets the sign-in form carrying the typed text back to the editor.
 */
export const refuseSignedOut = async (
  deps: NewsroomDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  resumable: boolean,
): Promise<FastifyReply> => {
  if (req.method === 'GET' || req.method === 'HEAD') {
    if (wantsJson(req)) return reply.code(401).send({ error: { code: 'signed_out', message: SIGNED_OUT_MESSAGE } });
    return reply.redirect(`/newsroom/login?next=${encodeURIComponent(req.url)}`, 303);
  }
  const fields = await readTextFields(req);
  if (wantsJson(req)) return reply.code(401).send({ error: { code: 'signed_out', message: SIGNED_OUT_MESSAGE } });
  const chrome = chromeOf(deps, req, reply);
  if (!resumable)
    return sendPage(reply, 401, h(LoginPage, { chrome, errors: {}, values: {}, message: SIGNED_OUT_MESSAGE }));
  const values = formValuesOf(fields);
  if (fields.removePhoto === 'on') values.photoMediaId = '';
  // Signed out meanwhile: nothing is saved, nothing is lost; sign-in carries the text back.
  const resume = { to: req.url.split('?')[0]!, data: JSON.stringify(values) };
  const message = 'Your session ended while you were editing. Sign in again: your text will come back to the editor.';
  return sendPage(reply, 401, h(LoginPage, { chrome, errors: {}, values: {}, message, resume }));
};
