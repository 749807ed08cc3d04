import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { InvalidInput, NotFound } from '../../services/errors.js';
import { IntegrationsPage, RevokeKeyPage, type IntegrationsPageProps } from '../../views/newsroom/IntegrationsPage.js';
import { formBody, FormText, typed } from '../route-schemas.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { registerWebhookRoutes, webhooksView, type WebhookView } from './webhook-routes.js';
import { chromeOf, sendPage, sessionOf, siteTimeFormat } from './request-context.js';

const KeyForm = formBody({ name: FormText, type: FormText });
const RevokeForm = formBody({ confirm: FormText });
const KeyParams = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/) });
const RevokedQuery = z.object({ revoked: z.string().optional() });

type PageView = Pick<IntegrationsPageProps, 'notice' | 'created'> &
  Partial<Pick<IntegrationsPageProps, 'errors' | 'values'>> & { webhooks?: WebhookView };

/**
 * Newsroom → Integrations (admins: settings.manage): keys for the Ghost-compatible APIs (issue 16). A new key is
 * shown once, in the answer to the form that made it (no-store, like every newsroom page): it is never put in an
 * address, where history and logs would keep it. A revoke asks first; running servers refuse the key within a
 * second (services/api-keys.ts).
 */
export const registerIntegrationRoutes = (scope: FastifyInstance, deps: NewsroomDeps): void => {
  const app = typed(scope);
  const ADMIN = { access: { may: 'settings.manage' as const } };

  const keyById = async (id: string) => {
    const key = (await deps.apiKeys.listApiKeys()).find((k) => k.id === id);
    if (!key) throw new NotFound('API key', 'That API key does not exist.');
    return key;
  };

  const renderPage = async (req: FastifyRequest, reply: FastifyReply, status: number, view: PageView = {}) => {
    const keys = await deps.apiKeys.listApiKeys();
    const chrome = chromeOf(deps, req, reply);
    const formatTime = siteTimeFormat(deps);
    const webhooks = await webhooksView(deps, keys, view.webhooks ?? {});
    return sendPage(
      reply,
      status,
      <IntegrationsPage
        chrome={chrome}
        keys={keys}
        webhooks={{ ...webhooks, csrfToken: chrome.csrfToken, formatTime }}
        formatTime={formatTime}
        errors={view.errors ?? {}}
        values={view.values ?? {}}
        notice={view.notice}
        created={view.created}
      />,
    );
  };

  app.get('/integrations', { config: ADMIN, schema: { querystring: RevokedQuery } }, async (req, reply) => {
    // Only a listed key's name is said back: the address is not a place for any text to appear on the page.
    const revoked = (await deps.apiKeys.listApiKeys()).find((k) => k.id === req.query.revoked && k.revokedAt);
    return renderPage(req, reply, 200, revoked ? { notice: `Revoked the key “${revoked.name}”.` } : {});
  });

  app.post('/integrations', { config: ADMIN, schema: { body: KeyForm } }, async (req, reply) => {
    const { name, type } = req.body;
    try {
      const made = await deps.apiKeys.createApiKey({ name, type }, sessionOf(req).account.id);
      return await renderPage(req, reply, 201, { created: { name: made.name, type: made.type, key: made.key } });
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      return renderPage(req, reply, 400, { errors: error.fields, values: { name, type } });
    }
  });

  app.post(
    '/integrations/:id/revoke',
    { config: ADMIN, schema: { params: KeyParams, body: RevokeForm } },
    async (req, reply) => {
      const key = await keyById(req.params.id);
      if (req.body.confirm !== 'yes') {
        return sendPage(reply, 200, <RevokeKeyPage chrome={chromeOf(deps, req, reply)} apiKey={key} />);
      }
      await deps.apiKeys.revokeApiKey(key.id);
      return reply.redirect(`/newsroom/integrations?revoked=${key.id}`, 303);
    },
  );

  registerWebhookRoutes(scope, deps, (req, reply, status, view) =>
    renderPage(req, reply, status, { notice: view.notice, webhooks: view }),
  );
};
