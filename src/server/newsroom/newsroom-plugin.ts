import { stripNulFromRequest } from './strip-nul.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sameToken } from '../../services/accounts.js';
import { HttpError } from '../errors.js';
import { registerAdminRoutes } from './admin-routes.js';
import { registerAuthorRoutes } from './author-routes.js';
import { registerAuthRoutes } from './auth-routes.js';
import { registerCurationRoutes } from './curation-routes.js';
import { registerDeskRoutes } from './desk-routes.js';
import { registerEditionRoutes } from './edition-routes.js';
import { registerEditorRoutes } from './editor-routes.js';
import { guardNewsroomRequest } from './guards.js';
import { registerIntegrationRoutes } from './integration-routes.js';
import { registerNewsroomMediaRoutes } from './media-routes.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { newsroomErrorHandler } from './newsroom-errors.js';
import { registerPageRoutes } from './page-routes.js';
import { registerPluginSettingsRoutes } from './plugin-settings-routes.js';
import { registerRedirectRoutes } from './redirect-routes.js';
import { expectedFormToken, sentFormToken } from './request-context.js';
import { registerRevisionRoutes } from './revision-routes.js';
import { registerTranslationRoutes } from './translation-routes.js';
import { registerFormParsers } from './uploads.js';

const formExpired = () =>
  new HttpError(
    403,
    'form_expired',
    'Form expired',
    'This form has expired or did not come from the newsroom. Go back, reload the page and try again.',
  );

/** Every POST carries the form token of the page it came from; checked once its form is read, before any route. */
const checkFormToken = async (req: FastifyRequest): Promise<void> => {
  if (req.method !== 'POST') return;
  const expected = expectedFormToken(req);
  if (!expected || !sameToken(sentFormToken(req), expected)) throw formExpired();
};

/**
 * The newsroom at /newsroom: accounts, the desk, writing, review, scheduling, corrections, curation, admin.
 * Order matters: the guard (onRequest) decides before any body parser runs; the form token is checked when the
 * form has been read (preValidation), before the route's schema and handler.
 */
export const registerNewsroom = (app: FastifyInstance, deps: NewsroomDeps): void => {
  void app.register(
    async (scope) => {
      scope.decorateRequest('newsroomSession', null);
      scope.decorateRequest('editable', null);
      scope.addHook('onRequest', guardNewsroomRequest(deps));
      await registerFormParsers(scope);
      scope.addHook('preValidation', stripNulFromRequest);
      scope.addHook('preValidation', checkFormToken);
      scope.setErrorHandler(newsroomErrorHandler(deps));
      registerAuthRoutes(scope, deps);
      registerDeskRoutes(scope, deps);
      registerEditorRoutes(scope, deps);
      registerTranslationRoutes(scope, deps);
      registerRevisionRoutes(scope, deps);
      registerNewsroomMediaRoutes(scope, deps);
      registerCurationRoutes(scope, deps);
      registerAuthorRoutes(scope, deps);
      registerPageRoutes(scope, deps);
      registerRedirectRoutes(scope, deps);
      registerAdminRoutes(scope, deps);
      registerPluginSettingsRoutes(scope, deps);
      registerIntegrationRoutes(scope, deps);
      registerEditionRoutes(scope, deps);
    },
    { prefix: '/newsroom' },
  );
};
