import { siteTime, type SiteZone } from './kept-copy.js';
import { serverAnswer } from './received-json.js';

/** When the server does not say (data-autosave-ms on the form): what it says by default. */
const AUTOSAVE_MS = 15_000;

/**
 * What was typed since the last save: `take` reports it and starts afresh; `giveBack` keeps it for next time;
 * `saved` hears that an autosave was stored.
 */
export interface Edits {
  take(): boolean;
  giveBack(): void;
  saved(): void;
}

/**
 * Autosave of drafts, never of live articles: their changes wait for an editor's Save. Saves the form in the
 * background at the server's interval while there are edits; stops for good on a conflict or a lost session.
 */
export const startAutosave = (form: HTMLFormElement, zone: SiteZone | null, edits: Edits): void => {
  // A form that saves only on a person's press (a publication page's) says so.
  if (form.dataset.autosave === 'off') return;
  const status = document.querySelector('.nr-status')?.textContent ?? '';
  const isDraft = /Not saved yet|Status: Draft/.test(status);
  const indicator = document.createElement('p');
  indicator.className = 'nr-autosave';
  indicator.setAttribute('aria-live', 'polite');
  form.querySelector('.nr-actions')?.after(indicator);
  let stopped = false;
  const autosave = async () => {
    if (stopped || !isDraft || !form.querySelector('button[value="save"]') || !edits.take()) return;
    const data = new FormData(form);
    // Not "save": the server keeps one revision for a run of autosaves, and one for each Save a person presses.
    data.set('action', 'autosave');
    data.delete('photo');
    // Not form.action: the buttons are named "action", and a named control shadows the form's property.
    const target = form.getAttribute('action') ?? location.pathname;
    try {
      const res = await fetch(target, {
        method: 'POST',
        body: data,
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      const answer = serverAnswer(await res.json());
      if (res.ok && answer.id && answer.revision) {
        (form.elements.namedItem('revision') as HTMLInputElement).value = String(answer.revision);
        if (!/\/\d+$/.test(target)) {
          form.setAttribute('action', `/newsroom/articles/${answer.id}`);
          history.replaceState(null, '', `/newsroom/articles/${answer.id}`);
        }
        indicator.textContent = `Draft saved at ${siteTime(new Date(), zone)}.`;
        edits.saved();
      } else {
        if (res.status === 409 || res.status === 401 || res.status === 403) stopped = true;
        indicator.textContent = `Not saved: ${answer.errorMessage ?? res.statusText}. Your text is kept in this browser.`;
      }
    } catch {
      edits.giveBack();
      indicator.textContent =
        'Offline: your text is kept in this browser and will be saved when the connection returns.';
    }
  };
  const autosaveMs = Number(form.dataset.autosaveMs);
  window.setInterval(() => void autosave(), Number.isInteger(autosaveMs) && autosaveMs > 0 ? autosaveMs : AUTOSAVE_MS);
};
