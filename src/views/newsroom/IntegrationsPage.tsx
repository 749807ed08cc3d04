import { IntegrationWebhooks, type IntegrationWebhooksProps } from './IntegrationWebhooks.js';
import { Csrf, Field, NewsroomLayout, Notice, type NewsroomChrome } from './NewsroomLayout.js';
import { PostButton } from './PostButton.js';

/** A key as the page lists it: never the key itself or its secret. */
export interface IntegrationKey {
  id: string;
  name: string;
  type: 'content' | 'admin';
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface IntegrationsPageProps {
  chrome: NewsroomChrome;
  keys: IntegrationKey[];
  formatTime: (at: Date) => string;
  errors: Record<string, string>;
  values: Record<string, string>;
  notice?: string | undefined;
  /** The key just made, shown on this page only: it is not kept in a form anywhere we can show it again. */
  created?: { name: string; type: 'content' | 'admin'; key: string } | undefined;
  /** The keys' webhooks and their last deliveries (IntegrationWebhooks). */
  webhooks?: IntegrationWebhooksProps | undefined;
}

const TYPE_LABEL = { content: 'Content (read-only)', admin: 'Admin' } as const;

const KEY_HINT = {
  content: 'Public by design: it reads what readers can read. Give it to a front end or an app.',
  admin: 'It can change the site: keep it on a server, never in a browser or an app.',
} as const;

const NewKey = ({ created }: { created: NonNullable<IntegrationsPageProps['created']> }) => (
  <section class="nr-new-key" aria-labelledby="new-key-heading">
    <h2 id="new-key-heading">
      New {created.type} key: {created.name}
    </h2>
    <p role="status">
      Copy it now: it is shown only this once. {KEY_HINT[created.type]} If it is lost, revoke it and make another.
    </p>
    <Field name="new-key" label={created.type === 'admin' ? 'Admin API key (id:secret)' : 'Content API key'}>
      <input type="text" id="new-key" value={created.key} readonly size={created.key.length} autocomplete="off" />
    </Field>
  </section>
);

/** Newsroom → Integrations (admins): keys for the Ghost-compatible APIs, made, listed and revoked here. */
export const IntegrationsPage = (p: IntegrationsPageProps) => (
  <NewsroomLayout chrome={p.chrome} title="Integrations">
    <h1>Integrations</h1>
    <Notice text={p.notice} />
    {p.created ? <NewKey created={p.created} /> : null}
    <h2>API keys</h2>
    {p.keys.length === 0 ? (
      <p>No keys yet.</p>
    ) : (
      <table class="nr-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {p.keys.map((k) => (
            <tr>
              <td>{k.name}</td>
              <td data-label="Type">{TYPE_LABEL[k.type]}</td>
              <td data-label="Created">{p.formatTime(k.createdAt)}</td>
              <td data-label="Last used">{k.lastUsedAt ? p.formatTime(k.lastUsedAt) : 'Never'}</td>
              <td data-label="Status">
                {k.revokedAt ? (
                  `Revoked ${p.formatTime(k.revokedAt)}`
                ) : (
                  <PostButton
                    action={`/newsroom/integrations/${k.id}/revoke`}
                    csrfToken={p.chrome.csrfToken}
                    label={`Revoke ${k.name}`}
                  >
                    Revoke…
                  </PostButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
    <h2>Add a key</h2>
    <form method="post" action="/newsroom/integrations" class="nr-form" novalidate>
      <Csrf token={p.chrome.csrfToken} />
      <Field name="name" label="Name" error={p.errors.name} hint="Who uses it, e.g. “Newsletter” or “Mobile app”.">
        <input type="text" id="name" name="name" value={p.values.name ?? ''} aria-describedby="name-hint" />
      </Field>
      <Field name="type" label="Type" error={p.errors.type}>
        <select id="type" name="type">
          {(['content', 'admin'] as const).map((t) => (
            <option value={t} selected={t === (p.values.type ?? 'content')}>
              {TYPE_LABEL[t]}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit">Add key</button>
    </form>
    {p.webhooks ? <IntegrationWebhooks {...p.webhooks} /> : null}
  </NewsroomLayout>
);

/** The step before a key is revoked: what stops working, and the button that does it. */
export const RevokeKeyPage = (p: { chrome: NewsroomChrome; apiKey: IntegrationKey }) => (
  <NewsroomLayout chrome={p.chrome} title={`Revoke ${p.apiKey.name}`}>
    <h1>Revoke the key “{p.apiKey.name}”?</h1>
    <p>
      Every client using this {p.apiKey.type} key is refused within a second, and the key cannot be used again. To go
      on, make a new key and give it to them.
    </p>
    <form method="post" action={`/newsroom/integrations/${p.apiKey.id}/revoke`} class="nr-form">
      <Csrf token={p.chrome.csrfToken} />
      <input type="hidden" name="confirm" value="yes" />
      <button type="submit">Revoke the key</button> <a href="/newsroom/integrations">Keep it</a>
    </form>
  </NewsroomLayout>
);
