import type { ComponentChildren } from 'preact';
import { Csrf } from './NewsroomLayout.js';

/**
 * One button that posts to `action` (delete, revoke, send again…), in a form of its own with the CSRF token and any
 * `hidden` fields, laid out inline among the row it acts on. `label` names it for screen readers when its visible
 * words alone ("Delete") do not say what it acts on.
 */
export const PostButton = ({
  action,
  csrfToken,
  hidden = {},
  label,
  children,
}: {
  action: string;
  csrfToken: string;
  hidden?: Record<string, string>;
  label?: string;
  children: ComponentChildren;
}) => (
  <form method="post" action={action} class="nr-inline">
    <Csrf token={csrfToken} />
    {Object.entries(hidden).map(([name, value]) => (
      <input type="hidden" name={name} value={value} />
    ))}
    <button type="submit" aria-label={label}>
      {children}
    </button>
  </form>
);
