import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { WEBHOOK_EVENTS } from '../../domain/webhook.js';
import { InvalidInput } from '../../services/errors.js';
import {
  addWebhook,
  deleteWebhook,
  findWebhook,
  listWebhooks,
  newWebhookSecret,
  recentDeliveries,
  resendDelivery,
} from '../../services/webhooks.js';
import type { IntegrationWebhooksProps } from '../../views/newsroom/IntegrationWebhooks.js';
import { formBody, FormText, IdParams, typed } from '../route-schemas.js';
import type { NewsroomDeps } from './newsroom-deps.js';

const WebhookForm = formBody({
  api_key_id: FormText,
  event: FormText,
  target_url: FormText,
  webhook_name: FormText,
  secret: FormText,
});
const WebhookParams = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/) });

/** What the Integrations page says of webhooks after a form: a notice, or the form back with its errors. */
export interface WebhookView {
  notice?: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

export type RenderIntegrations = (
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  view: WebhookView,
) => Promise<FastifyReply>;

/** The webhooks part of the Integrations page: every key's webhooks and their last deliveries. */
export const webhooksView = async (
  deps: NewsroomDeps,
  keys: { id: string; name: string; revokedAt: Date | null }[],
  view: WebhookView,
): Promise<Omit<IntegrationWebhooksProps, 'csrfToken' | 'formatTime'>> => {
  const webhooks = await listWebhooks(deps);
  return {
    keys: keys.filter((k) => k.revokedAt === null).map((k) => ({ id: k.id, name: k.name })),
    webhooks,
    deliveries: await recentDeliveries(
      deps,
      webhooks.map((w) => w.id),
      10 * webhooks.length,
    ),
    events: WEBHOOK_EVENTS,
    errors: view.errors ?? {},
    values: view.values ?? {},
  };
};

/**
 * Newsroom → Integrations → Webhooks (admins: settings.manage; issue 16): add and delete a key's webhooks, and send
 * a delivery again (a new delivery of the same body, due at once; the old one stays in the log).
 */
export const registerWebhookRoutes = (scope: FastifyInstance, deps: NewsroomDeps, render: RenderIntegrations): void => {
  const app = typed(scope);
  const ADMIN = { access: { may: 'settings.manage' as const } };

  app.post('/integrations/webhooks', { config: ADMIN, schema: { body: WebhookForm } }, async (req, reply) => {
    const { api_key_id, event, target_url, webhook_name, secret } = req.body;
    try {
      const made = await addWebhook(deps, {
        api_key_id,
        event,
        target_url,
        name: webhook_name,
        secret: secret.trim() || newWebhookSecret(),
      });
      return await render(req, reply, 201, { notice: `Added the webhook for ${made.event}.` });
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      const values = { api_key_id, event, target_url, name: webhook_name, secret };
      return render(req, reply, 400, { errors: error.fields, values });
    }
  });

  app.post(
    '/integrations/webhooks/:id/delete',
    { config: ADMIN, schema: { params: WebhookParams, body: formBody({}) } },
    async (req, reply) => {
      const hook = await findWebhook(deps, req.params.id);
      await deleteWebhook(deps, hook.id);
      return render(req, reply, 200, { notice: `Deleted the webhook for ${hook.event} to ${hook.targetUrl}.` });
    },
  );

  app.post(
    '/integrations/deliveries/:id/resend',
    { config: ADMIN, schema: { params: IdParams, body: formBody({}) } },
    async (req, reply) => {
      await resendDelivery(deps, req.params.id);
      return render(req, reply, 200, { notice: 'Queued to send again: it goes out within a few seconds.' });
    },
  );
};
