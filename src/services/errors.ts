import type { z } from 'zod';

/**
 * What a use case can refuse, defined once. The server's error handlers map each to a status, a page and a
 * JSON code; services throw them and never decide how they are shown.
 */

/** Field → message, shown next to each field of a form. */
export type FieldErrors = Record<string, string>;

/** The input does not fit; `fields` says which field and why (`form` for the form as a whole). */
export class InvalidInput extends Error {
  constructor(readonly fields: FieldErrors) {
    super(Object.values(fields).join(' '));
  }
}

/** The workflow does not allow this step from here (403: not for this role; 409: not from this state). */
export class WorkflowRefused extends Error {
  constructor(
    readonly status: 403 | 409,
    message: string,
  ) {
    super(message);
  }
}

/** The thing asked for does not exist (or is not visible to the one asking). `what` names it for the page title. */
export class NotFound extends Error {
  constructor(
    readonly what: string,
    message: string,
  ) {
    super(message);
  }
}

/** The one asking may not do this. */
export class NotAllowed extends Error {}

export const fieldErrorsOf = (error: z.ZodError): FieldErrors => {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
};
