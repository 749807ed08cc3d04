/**
 * Deciding about the copy of the editor form this browser keeps while the writer types: whether it says anything
 * the form does not already show (only then is it worth keeping, or offering back), and when it was made, in the
 * site's time. Pure, so it runs in tests without a browser.
 */
import { formatDateline } from '../domain/dateline.js';
import { parseBodyMarkup, serializeBodyMarkup } from '../domain/body-markup.js';

/**
 * A field's value as it means, not as it is spelt: the body's markup in its one spelling (a kept copy written by
 * the rich editor and the form the server wrote can spell the same body differently), other text without its
 * outer spaces and with one kind of line break (the server drops both when it saves).
 */
const meaning = (name: string, value: string): string =>
  name === 'body' ? serializeBodyMarkup(parseBodyMarkup(value)) : value.replace(/\r\n?/g, '\n').trim();

/**
 * Whether the kept values differ from those the form shows, in any field the form has. The revision is left out:
 * it records which save the form was loaded from, not anything the writer typed.
 */
export const keptTextDiffers = (kept: Record<string, string>, shown: Record<string, string>): boolean =>
  Object.entries(kept).some(([name, value]) => {
    const now = shown[name];
    return name !== 'revision' && now !== undefined && meaning(name, value) !== meaning(name, now);
  });

/**
 * A control of the editor form as keeping and restoring a copy touches it: an input, a choice or a text area (what
 * the DOM's elements are, narrowed to the little read here, so that this runs in tests without a browser).
 */
export interface KeptControl {
  name: string;
  type: string;
  value: string;
  /** Only inputs have it; a choice or text area never is a checkbox. */
  checked?: boolean;
  disabled: boolean;
}

/** Controls whose value is not the writer's typing: never kept, never restored. */
const NOT_KEPT = new Set(['file', 'submit', 'button', 'reset', 'image']);

/**
 * The form's values to keep, by name, as the form would send them, except that a checkbox left clear is kept as
 * '' (the form sends nothing for it): a box the writer cleared is then something the copy says, and gives back.
 */
export const keptValuesOf = (controls: Iterable<KeptControl>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const c of controls) {
    if (!c.name || c.name === '_csrf' || c.disabled || NOT_KEPT.has(c.type)) continue;
    if (c.type === 'checkbox') {
      if (c.checked) out[c.name] = c.value;
      else out[c.name] ??= '';
    } else if (c.type === 'radio') {
      if (c.checked) out[c.name] = c.value;
    } else out[c.name] = c.value;
  }
  return out;
};

/**
 * Puts kept values back into the form: text into boxes and choices, and a checkbox or radio button ticked when the
 * kept value is its own (a checkbox's value is what it sends when ticked, not something to overwrite). Fields the
 * copy does not name are left as they are; so are the revision and the hidden fields, which say what the form was
 * loaded from rather than what was typed.
 */
export const restoreKeptValues = (controls: Iterable<KeptControl>, kept: Record<string, string>): void => {
  for (const c of controls) {
    const value = kept[c.name];
    if (value === undefined || c.name === 'revision' || c.type === 'hidden' || NOT_KEPT.has(c.type)) continue;
    if (c.type === 'checkbox' || c.type === 'radio') c.checked = value === c.value;
    else c.value = value;
  }
};

/** The site's zone as the newsroom page states it on its body (data-time-zone, data-time-zone-label). */
export interface SiteZone {
  timeZone: string;
  label: string;
}

/**
 * A moment in the site's zone, as the newsroom prints its other times ("13:01 JST, January 21, 2026"); in the
 * browser's own zone when the page names none, or one this browser does not know.
 */
export const siteTime = (at: Date, zone: SiteZone | null): string => {
  if (zone) {
    try {
      return formatDateline(at, zone.timeZone, zone.label);
    } catch {
      // An unknown zone: Intl refuses it; the browser's own clock is the best left.
    }
  }
  return at.toLocaleString();
};

/** The zone an element states, or null when it states none. */
export const zoneOf = (element: HTMLElement): SiteZone | null => {
  const timeZone = element.dataset.timeZone;
  return timeZone ? { timeZone, label: element.dataset.timeZoneLabel ?? '' } : null;
};
