import { ROLES, type Role } from '../../domain/permissions.js';
import { Csrf, Field, NewsroomLayout, Notice, type NewsroomChrome } from './NewsroomLayout.js';

export interface UsersPageProps {
  chrome: NewsroomChrome;
  users: { id: number; name: string; email: string; role: Role; disabled: boolean }[];
  errors: Record<string, string>;
  values: Record<string, string>;
  notice?: string | undefined;
  /** Every author profile, to show which account has which and to offer the free ones to a new account. */
  authors: { id: number; name: string; slug: string; accountId: number | null }[];
}

export const UsersPage = (p: UsersPageProps) => (
  <NewsroomLayout chrome={p.chrome} title="Users">
    <h1>Users</h1>
    <Notice text={p.notice} />
    <table class="nr-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Account</th>
          <th scope="col">Password</th>
          <th scope="col">Author profile</th>
        </tr>
      </thead>
      <tbody>
        {p.users.map((u) => (
          <tr>
            <td>{u.name}</td>
            <td data-label="Email">{u.email}</td>
            <td data-label="Role">
              <form method="post" action={`/newsroom/users/${u.id}`} class="nr-inline">
                <Csrf token={p.chrome.csrfToken} />
                <select name="role" aria-label={`Role of ${u.name}`}>
                  {ROLES.map((r) => (
                    <option value={r} selected={r === u.role}>
                      {r}
                    </option>
                  ))}
                </select>
                <button type="submit" name="change" value="role">
                  Change
                </button>
              </form>
            </td>
            <td data-label="Account">
              <form method="post" action={`/newsroom/users/${u.id}`} class="nr-inline">
                <Csrf token={p.chrome.csrfToken} />
                <button type="submit" name="change" value={u.disabled ? 'enable' : 'disable'}>
                  {u.disabled ? 'Enable' : 'Disable'}
                </button>
              </form>
            </td>
            <td data-label="Password">
              <form method="post" action={`/newsroom/users/${u.id}`} class="nr-inline">
                <Csrf token={p.chrome.csrfToken} />
                <input
                  type="password"
                  name="password"
                  autocomplete="new-password"
                  aria-label={`New password for ${u.name}`}
                />
                <button type="submit" name="change" value="password">
                  Set
                </button>
              </form>
            </td>
            <td data-label="Author profile">{p.authors.find((a) => a.accountId === u.id)?.name ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <h2>Add a user</h2>
    <form method="post" action="/newsroom/users" class="nr-form" novalidate>
      <Csrf token={p.chrome.csrfToken} />
      <Field name="name" label="Name" error={p.errors.name}>
        <input type="text" id="name" name="name" value={p.values.name ?? ''} />
      </Field>
      <Field name="email" label="Email" error={p.errors.email}>
        <input type="email" id="email" name="email" value={p.values.email ?? ''} />
      </Field>
      <Field name="role" label="Role" error={p.errors.role}>
        <select id="role" name="role">
          {ROLES.map((r) => (
            <option value={r} selected={r === (p.values.role ?? 'contributor')}>
              {r}
            </option>
          ))}
        </select>
      </Field>
      <Field
        name="password"
        label="First password"
        error={p.errors.password}
        hint="At least 12 characters; they can change it later."
      >
        <input
          type="password"
          id="password"
          name="password"
          autocomplete="new-password"
          aria-describedby="password-hint"
        />
      </Field>
      <Field
        name="profile"
        label="Author profile"
        error={p.errors.profile}
        hint="Their new articles carry this byline by default. Profiles are edited on the Authors page."
      >
        <select id="profile" name="profile" aria-describedby="profile-hint">
          <option value="new" selected={(p.values.profile ?? 'new') === 'new'}>
            Make a new profile with their name
          </option>
          <option value="none" selected={p.values.profile === 'none'}>
            No profile
          </option>
          {p.authors
            .filter((a) => a.accountId === null)
            .map((a) => (
              <option value={String(a.id)} selected={p.values.profile === String(a.id)}>
                Link to {a.name} ({a.slug})
              </option>
            ))}
        </select>
      </Field>
      <button type="submit">Add user</button>
    </form>
  </NewsroomLayout>
);
