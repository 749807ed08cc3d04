import type { ConsentSettings } from './consent-settings.js';
import type { ConsentWords } from './consent-words.js';

export interface ConsentBannerProps {
  words: ConsentWords;
  /** The notice: the edition's own from the settings, else the built-in one. */
  notice: string;
  settings: ConsentSettings;
  /** Whether to list who receives data: always in a Japanese edition, elsewhere when any recipient is set. */
  showRecipients: boolean;
}

/**
 * The banner, hidden as served: the page is cached for every reader, and consent.js shows it to a reader who has
 * not chosen yet. A labelled <section> is a region, so axe finds its content inside a landmark.
 */
export const ConsentBanner = ({ words, notice, settings, showRecipients }: ConsentBannerProps) => (
  <section class="dl-consent" id="dl-consent" aria-labelledby="dl-consent-title" data-days={settings.cookieDays} hidden>
    <div class="dl-consent-inner">
      <h2 id="dl-consent-title" tabIndex={-1}>
        {words.title}
      </h2>
      <p>
        {notice}
        {settings.policyUrl ? (
          <>
            {' '}
            <a href={settings.policyUrl}>{words.policy}</a>
          </>
        ) : null}
      </p>
      <p class="dl-consent-gpc" hidden>
        {words.gpc}
      </p>
      {showRecipients ? <Recipients words={words} settings={settings} /> : null}
      <fieldset class="dl-consent-choices" id="dl-consent-choices" hidden>
        <legend>{words.legend}</legend>
        <label>
          <input type="checkbox" name="necessary" checked disabled /> {words.necessary}
        </label>
        <label>
          <input type="checkbox" name="analytics" /> {words.analytics}
        </label>
        <label>
          <input type="checkbox" name="advertising" /> {words.advertising}
        </label>
        <button type="button" data-consent="save">
          {words.save}
        </button>
      </fieldset>
      <div class="dl-consent-actions">
        <button type="button" data-consent="all">
          {words.acceptAll}
        </button>
        <button type="button" data-consent="none">
          {words.rejectAll}
        </button>
        <button type="button" data-consent="choose" aria-expanded="false" aria-controls="dl-consent-choices">
          {words.choose}
        </button>
      </div>
    </div>
  </section>
);

const Recipients = ({ words, settings }: { words: ConsentWords; settings: ConsentSettings }) => (
  <details class="dl-consent-recipients">
    <summary>{words.recipientsTitle}</summary>
    {settings.recipients.length === 0 ? (
      <p>{words.recipientsNone}</p>
    ) : (
      <>
        <p>{words.recipientsIntro}</p>
        <table>
          <thead>
            <tr>
              {words.recipientColumns.map((c) => (
                <th scope="col">{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {settings.recipients.map((r) => (
              <tr>
                <td>{r.name}</td>
                <td>{r.data}</td>
                <td>{r.purpose}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    )}
  </details>
);

/** Under the footer: reopens the banner. Shown by consent.js once the reader has chosen. */
export const ConsentReopen = ({ words }: { words: ConsentWords }) => (
  <section class="dl-consent-reopen" id="dl-consent-reopen" aria-label={words.reopenRegion} hidden>
    <button type="button">{words.reopen}</button>
  </section>
);
