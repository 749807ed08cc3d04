import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { InvalidInput } from '../../services/errors.js';
import { addWebhook, deleteWebhook, editWebhook, findWebhook, type Webhook } from '../../services/webhooks.js';
import { IgnoredQuery, typed } from '../route-schemas.js';
import type { AdminApiRouteDeps } from './admin-api-routes.js';
import { resourceNotFound } from './content-api-errors.js';

const IdParams = z.object({ id: z.string() });

/** A webhook as Ghost's Admin API answers it: its integration is the API key it belongs to. */
const ghostWebhook = (w: Webhook) => ({
  id: w.id,
  event: w.event,
  target_url: w.targetUrl,
  name: w.name,
  secret: w.secret,
  api_version: 'v5',
  integration_id: w.apiKeyId,
  status: 'available',
  last_triggered_at: w.lastTriggeredAt?.toISOString() ?? null,
  last_triggered_status: w.lastTriggeredStatus === null ? null : String(w.lastTriggeredStatus),
  last_triggered_error: w.lastTriggeredError,
  created_at: w.createdAt.toISOString(),
  updated_at: w.updatedAt.toISOString(),
});

/** `{ webhooks: [ {...} ] }`: exactly one object, as Ghost's client sends it. */
const oneWebhook = (raw: unknown): Record<string, unknown> => {
  const list = (raw as Record<string, unknown> | null)?.webhooks;
  const first: unknown = Array.isArray(list) && list.length === 1 ? list[0] : undefined;
  if (first === null || typeof first !== 'object') {
    throw new InvalidInput({ webhooks: 'Send one object as { "webhooks": [ { … } ] }.' });
  }
  return first as Record<string, unknown>;
};

/**
 * Webhooks through the Admin API (issue 16): added for the integration whose key signed the request (as Ghost ties an
 * integration's webhooks to it), and edited or deleted only by that integration; another's is not found.
 */
export const registerAdminApiWebhooks = (
  scope: FastifyInstance,
  deps: AdminApiRouteDeps & { integrationOf: (req: FastifyRequest) => string },
): void => {
  const api = typed(scope);
  const own = async (req: FastifyRequest, id: string): Promise<Webhook> => {
    const found = await findWebhook(deps, id).catch(() => null);
    if (!found || found.apiKeyId !== deps.integrationOf(req)) throw resourceNotFound('Webhook');
    return found;
  };

  api.post('/webhooks/', { schema: { querystring: IgnoredQuery } }, async (req, reply) => {
    const { event, target_url, name, secret } = oneWebhook(req.body);
    const made = await addWebhook(deps, { event, target_url, name, secret, api_key_id: deps.integrationOf(req) });
    return reply.code(201).send({ webhooks: [ghostWebhook(made)] });
  });
  api.put('/webhooks/:id/', { schema: { querystring: IgnoredQuery, params: IdParams } }, async (req) => {
    await own(req, req.params.id);
    const { event, target_url, name, secret } = oneWebhook(req.body);
    const changed = await editWebhook(deps, req.params.id, { event, target_url, name, secret });
    return { webhooks: [ghostWebhook(changed)] };
  });
  api.delete('/webhooks/:id/', { schema: { querystring: IgnoredQuery, params: IdParams } }, async (req, reply) => {
    await own(req, req.params.id);
    await deleteWebhook(deps, req.params.id);
    return reply.code(204).send();
  });
};
