import type { WebhookDeliveryListing, WebhookEvent } from '../../domain/webhook.js';
import { Csrf, Field } from './NewsroomLayout.js';
import { PostButton } from './PostButton.js';
import { TextField } from './TextField.js';

/** A webhook as the Integrations page lists it, under its key. */
export interface WebhookItem {
  id: string;
  apiKeyId: string;
  event: string;
  targetUrl: string;
  name: string | null;
  /** Shown to admins, as Ghost shows it: the receiver needs it to check signatures. */
  secret: string | null;
}

export interface IntegrationWebhooksProps {
  csrfToken: string;
  /** The keys webhooks may be added to (not revoked). */
  keys: { id: string; name: string }[];
  webhooks: WebhookItem[];
  deliveries: WebhookDeliveryListing[];
  events: readonly WebhookEvent[];
  formatTime: (at: Date) => string;
  errors: Record<string, string>;
  values: Record<string, string>;
}

const STATE_LABEL = { sent: 'Sent', waiting: 'Waiting to retry', failed: 'Given up' } as const;

const outcome = (d: WebhookDeliveryListing): string => {
  if (d.attempts === 0) return 'Queued';
  const status = d.lastStatus !== null ? `HTTP ${d.lastStatus}` : (d.lastError ?? 'no answer');
  return `${STATE_LABEL[d.state]}: ${status}${d.lastDurationMs !== null ? `, ${d.lastDurationMs} ms` : ''}`;
};

const Deliveries = ({ p, hook }: { p: IntegrationWebhooksProps; hook: WebhookItem }) => {
  const mine = p.deliveries.filter((d) => d.webhookId === hook.id).slice(0, 10);
  if (mine.length === 0) return <p>No deliveries yet.</p>;
  return (
    <table class="nr-table nr-deliveries">
      <thead>
        <tr>
          <th scope="col">Queued</th>
          <th scope="col">Outcome</th>
          <th scope="col">Attempts</th>
          <th scope="col">Last attempt</th>
          <th scope="col">Send again</th>
        </tr>
      </thead>
      <tbody>
        {mine.map((d) => (
          <tr>
            <td>{p.formatTime(d.createdAt)}</td>
            <td data-label="Outcome">{outcome(d)}</td>
            <td data-label="Attempts">{d.attempts}</td>
            <td data-label="Last attempt">{d.lastAttemptAt ? p.formatTime(d.lastAttemptAt) : 'Not yet'}</td>
            <td data-label="Send again">
              <PostButton
                action={`/newsroom/integrations/deliveries/${d.id}/resend`}
                csrfToken={p.csrfToken}
                label={`Send delivery ${d.id} again`}
              >
                Send again
              </PostButton>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

/** Newsroom → Integrations → Webhooks: each key's webhooks, their last deliveries, and the form to add one. */
export const IntegrationWebhooks = (p: IntegrationWebhooksProps) => (
  <section aria-labelledby="webhooks-heading">
    <h2 id="webhooks-heading">Webhooks</h2>
    {p.webhooks.length === 0 ? <p>No webhooks yet.</p> : null}
    {p.webhooks.map((hook) => (
      <article class="nr-webhook" id={`webhook-${hook.id}`}>
        <h3>
          {hook.name ?? hook.event} <small>({p.keys.find((k) => k.id === hook.apiKeyId)?.name ?? 'revoked key'})</small>
        </h3>
        <p>
          On <code>{hook.event}</code>, POST to <code>{hook.targetUrl}</code>
          {hook.secret ? (
            <>
              , signed with the secret <code>{hook.secret}</code>
            </>
          ) : (
            ', unsigned'
          )}
          .
        </p>
        <PostButton
          action={`/newsroom/integrations/webhooks/${hook.id}/delete`}
          csrfToken={p.csrfToken}
          label={`Delete the webhook ${hook.name ?? hook.event}`}
        >
          Delete webhook
        </PostButton>
        <Deliveries p={p} hook={hook} />
      </article>
    ))}
    {p.keys.length === 0 ? (
      <p>Add a key first: webhooks belong to one.</p>
    ) : (
      <>
        <h3>Add a webhook</h3>
        <form method="post" action="/newsroom/integrations/webhooks" class="nr-form" novalidate>
          <Csrf token={p.csrfToken} />
          <Field name="api_key_id" label="Key" error={p.errors.api_key_id}>
            <select id="api_key_id" name="api_key_id">
              {p.keys.map((k) => (
                <option value={k.id} selected={k.id === p.values.api_key_id}>
                  {k.name}
                </option>
              ))}
            </select>
          </Field>
          <Field name="event" label="Event" error={p.errors.event}>
            <select id="event" name="event">
              {p.events.map((e) => (
                <option value={e} selected={e === p.values.event}>
                  {e}
                </option>
              ))}
            </select>
          </Field>
          <TextField
            name="target_url"
            label="Address"
            type="url"
            value={p.values.target_url ?? ''}
            error={p.errors.target_url}
            hint="https://… where the POST goes."
          />
          <TextField name="webhook_name" label="Name" value={p.values.name ?? ''} error={p.errors.name} />
          <TextField
            name="secret"
            label="Secret"
            value={p.values.secret ?? ''}
            error={p.errors.secret}
            hint="Left empty, one is made for you."
          />
          <button type="submit">Add webhook</button>
        </form>
      </>
    )}
  </section>
);
