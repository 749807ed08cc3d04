import type { ErrorBodyProps } from '../shared/Themed.js';

/** The default theme's error page: the status, what went wrong, and the way home and to the sections. */
export const ErrorBody = ({ status, heading, message, home, nav, labels }: ErrorBodyProps) => (
  <div class="error-page">
    <p class="error-status">{labels.errorStatus(status)}</p>
    <h1>{heading}</h1>
    <p>{message}</p>
    <p>
      <a href={home}>{labels.goHome}</a>
      {labels.orChooseSection}
    </p>
    <ul class="error-sections">
      {nav.map((item) => (
        <li>
          <a href={item.path}>{item.name}</a>
        </li>
      ))}
    </ul>
  </div>
);
