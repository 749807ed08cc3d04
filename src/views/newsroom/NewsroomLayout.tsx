import type { ComponentChildren } from 'preact';
import type { Account } from '../../services/accounts.js';

export interface NewsroomChrome {
  publicationName: string;
  cssHref: string;
  /** The signed-in account, or null on the sign-in and set-up pages. */
  account: Account | null;
  csrfToken: string;
  /** The site's time zone: the page states it for its scripts, which print times as the server does. */
  siteZone: { timeZone: string; label: string };
}

export const NewsroomLayout = ({
  chrome,
  title,
  children,
  script,
}: {
  chrome: NewsroomChrome;
  title: string;
  children: ComponentChildren;
  script?: string | null;
}) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>{`${title} | Newsroom | ${chrome.publicationName}`}</title>
      <link rel="stylesheet" href={chrome.cssHref} />
      {script ? <script src={script} defer /> : null}
    </head>
    <body class="newsroom" data-time-zone={chrome.siteZone.timeZone} data-time-zone-label={chrome.siteZone.label}>
      <header class="nr-header">
        <a class="nr-brand" href="/newsroom">
          {chrome.publicationName} newsroom
        </a>
        {chrome.account ? <NewsroomMenu account={chrome.account} csrfToken={chrome.csrfToken} /> : null}
      </header>
      <main id="main" class="nr-main">
        {children}
      </main>
    </body>
  </html>
);

/**
 * The newsroom's links and the signed-in person's account, in a <details> that a phone shows as a Menu button and
 * a wider screen shows open, with no button (newsroom.css): it works without JavaScript on both.
 */
const NewsroomMenu = ({ account, csrfToken }: { account: Account; csrfToken: string }) => (
  <details class="nr-menu">
    <summary>Menu</summary>
    <div class="nr-menu-items">
      <nav aria-label="Newsroom">
        <ul>
          <li>
            <a href="/newsroom">Desk</a>
          </li>
          <li>
            <a href="/newsroom/articles">Articles</a>
          </li>
          <li>
            <a href="/newsroom/articles/new">New article</a>
          </li>
          <li>
            <a href="/newsroom/media">Images</a>
          </li>
          {account.role !== 'contributor' ? (
            <li>
              <a href="/newsroom/curation">Curation</a>
            </li>
          ) : null}
          {account.role !== 'contributor' ? (
            <li>
              <a href="/newsroom/activity">Activity</a>
            </li>
          ) : null}
          {account.role !== 'contributor' ? (
            <li>
              <a href="/newsroom/authors">Authors</a>
            </li>
          ) : null}
          {account.role !== 'contributor' ? (
            <li>
              <a href="/newsroom/pages">Pages</a>
            </li>
          ) : null}
          {account.role !== 'contributor' ? (
            <li>
              <a href="/newsroom/redirects">Redirects</a>
            </li>
          ) : null}
          {account.role === 'admin' ? (
            <li>
              <a href="/newsroom/users">Users</a>
            </li>
          ) : null}
          {account.role === 'admin' ? (
            <li>
              <a href="/newsroom/sections">Sections</a>
            </li>
          ) : null}
          {account.role === 'admin' ? (
            <li>
              <a href="/newsroom/settings">Settings</a>
            </li>
          ) : null}
          {account.role === 'admin' ? (
            <li>
              <a href="/newsroom/settings/plugins">Plugins</a>
            </li>
          ) : null}
          {account.role === 'admin' ? (
            <li>
              <a href="/newsroom/integrations">Integrations</a>
            </li>
          ) : null}
          <li>
            <a href="/">Site</a>
          </li>
        </ul>
      </nav>
      <form method="post" action="/newsroom/logout" class="nr-signout">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <a href="/newsroom/account" title="Your account">
          {account.name} ({account.role})
        </a>
        <button type="submit">Sign out</button>
        <button type="submit" formAction="/newsroom/logout-everywhere">
          Sign out everywhere
        </button>
      </form>
    </div>
  </details>
);

/** A form field with its label and, after a failed save, its message right beside it. */
export const Field = ({
  name,
  label,
  error,
  children,
  hint,
}: {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  children: ComponentChildren;
}) => (
  <div class={error ? 'nr-field nr-field-error' : 'nr-field'}>
    <label for={name}>{label}</label>
    {hint ? (
      <p class="nr-hint" id={`${name}-hint`}>
        {hint}
      </p>
    ) : null}
    {children}
    {error ? (
      <p class="nr-error" id={`${name}-error`} role="alert">
        {error}
      </p>
    ) : null}
  </div>
);

/** What a save or an action did, read out when the page loads; nothing when there is nothing to say. */
export const Notice = ({ text }: { text?: string | null | undefined }) =>
  text ? (
    <p class="nr-notice" role="status">
      {text}
    </p>
  ) : null;

/** Why a whole form was refused (a field's own message stands by the field); nothing when it was not. */
export const FormError = ({ text }: { text?: string | null | undefined }) =>
  text ? (
    <p class="nr-error" role="alert">
      {text}
    </p>
  ) : null;

export const Csrf = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;
