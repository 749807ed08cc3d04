import { MastheadLogo } from './MastheadLogo.js';
import type { MastheadProps } from './Themed.js';
import { Time } from './Time.js';

/** The default theme's masthead: the logo or the publication's name, its tagline, and the home page's date. */
export const Masthead = ({ settings, home, today }: MastheadProps) => (
  <div class="masthead-inner">
    <a class="masthead-title" href={home}>
      {settings.logo ? <MastheadLogo logo={settings.logo} name={settings.publicationName} /> : settings.publicationName}
    </a>
    {settings.tagline ? <p class="masthead-tagline">{settings.tagline}</p> : null}
    {today ? (
      <p class="masthead-date">
        <Time instant={today} settings={settings} style="day" />
      </p>
    ) : null}
  </div>
);
