import { Csrf, Field, FormError, NewsroomLayout, Notice, type NewsroomChrome } from './NewsroomLayout.js';

interface AuthPageProps {
  chrome: NewsroomChrome;
  errors: Record<string, string>;
  values: Record<string, string>;
  /** Form data typed before the session expired, carried through sign-in so nothing is lost. */
  resume?: { to: string; data: string } | null;
  message?: string;
}

/**
 * The setup code a server reachable from other machines asks for: hidden when it came with the link from the
 * start-up log, a field to type it into otherwise or after a refusal.
 */
export interface SetupCodeField {
  value: string;
  fromLink: boolean;
}

export const SetupPage = ({ chrome, errors, values, code }: AuthPageProps & { code?: SetupCodeField | null }) => (
  <NewsroomLayout chrome={chrome} title="Create the owner account">
    <h1>Welcome to your newsroom</h1>
    <p>No account exists yet. Create the owner's account: it can manage users, sections and settings.</p>
    <form method="post" action="/newsroom/setup" class="nr-form" novalidate>
      <Csrf token={chrome.csrfToken} />
      <FormError text={errors.form} />
      {code?.fromLink && !errors.code ? <input type="hidden" name="code" value={code.value} /> : null}
      {code && (!code.fromLink || errors.code) ? (
        <Field
          name="code"
          label="Setup code"
          error={errors.code}
          hint="Printed in the server's log when it started, in the setup link."
        >
          <input
            type="text"
            id="code"
            name="code"
            value={code.value}
            autocomplete="off"
            spellcheck={false}
            required
            aria-describedby="code-hint"
          />
        </Field>
      ) : null}
      <Field name="name" label="Your name" error={errors.name}>
        <input type="text" id="name" name="name" value={values.name ?? ''} autocomplete="name" required />
      </Field>
      <Field name="email" label="Email" error={errors.email}>
        <input id="email" name="email" type="email" value={values.email ?? ''} autocomplete="username" required />
      </Field>
      <Field name="password" label="Password" error={errors.password} hint="At least 12 characters.">
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          aria-describedby="password-hint"
        />
      </Field>
      <button type="submit">Create account</button>
    </form>
  </NewsroomLayout>
);

export const LoginPage = ({ chrome, errors, values, resume, message }: AuthPageProps) => (
  <NewsroomLayout chrome={chrome} title="Sign in">
    <h1>Sign in</h1>
    <Notice text={message} />
    <form method="post" action="/newsroom/login" class="nr-form" novalidate>
      <Csrf token={chrome.csrfToken} />
      <FormError text={errors.form} />
      <Field name="email" label="Email" error={errors.email}>
        <input id="email" name="email" type="email" value={values.email ?? ''} autocomplete="username" required />
      </Field>
      <Field name="password" label="Password" error={errors.password}>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
      </Field>
      {resume ? (
        <>
          <input type="hidden" name="resume_to" value={resume.to} />
          <input type="hidden" name="resume_data" value={resume.data} />
        </>
      ) : null}
      <button type="submit">Sign in</button>
    </form>
  </NewsroomLayout>
);

/** Your account: who you are, and a new password (the current one first; other sessions then end). */
export const AccountPage = ({
  chrome,
  errors,
  saved,
}: {
  chrome: NewsroomChrome;
  errors: Record<string, string>;
  saved?: boolean;
}) => (
  <NewsroomLayout chrome={chrome} title="Your account">
    <h1>Your account</h1>
    {saved ? (
      <p class="nr-notice" role="status">
        Your password is changed. Your other sessions have been signed out.
      </p>
    ) : null}
    <p>
      {chrome.account?.name} · {chrome.account?.email} · {chrome.account?.role}
    </p>
    <h2>Change your password</h2>
    <form method="post" action="/newsroom/account" class="nr-form" novalidate>
      <Csrf token={chrome.csrfToken} />
      {/* Lets password managers file the new password under the right account. */}
      <input type="hidden" name="username" autocomplete="username" value={chrome.account?.email ?? ''} />
      <Field name="current" label="Current password" error={errors.current}>
        <input id="current" name="current" type="password" autocomplete="current-password" required />
      </Field>
      <Field name="password" label="New password" error={errors.password} hint="At least 12 characters.">
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          aria-describedby="password-hint"
        />
      </Field>
      <Field name="confirm" label="New password again" error={errors.confirm}>
        <input id="confirm" name="confirm" type="password" autocomplete="new-password" required />
      </Field>
      <button type="submit">Change password</button>
    </form>
  </NewsroomLayout>
);
