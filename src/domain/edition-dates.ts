import { formatDate, formatDateline, formatLongDate, isoWithOffset, zonedParts } from './dateline.js';

/**
 * Dates as each edition's language writes them (issue 13). English keeps today's house style byte for byte by
 * calling dateline.ts itself; Japanese follows the newspapers' own: "2026年1月21日 13:01", no zone label (a
 * Japanese reader reads Japan time), "2026年1月21日（水）" on the home page.
 *
 * The numbers come from Intl.DateTimeFormat through zonedParts, which keeps one formatter per zone and remembers
 * recent answers, so an edition costs no formatter of its own. The text around them is ours rather than ICU's
 * 'ja-JP' patterns: ICU's wording has changed between releases (Node 20 and 24 ship different ICU data), and a
 * dateline that moves a space when Node is upgraded would change every cached page and every test.
 */

/** How an edition writes dates: its language's newspaper style. A new language adds one here, with its tests. */
export const DATE_STYLES = ['en', 'ja'] as const;
export type DateStyle = (typeof DATE_STYLES)[number];

/** What formatting a date for an edition needs: the site's zone, and the edition's label and style. */
export interface EditionClock {
  timeZone: string;
  /** "JST": printed in English datelines; Japanese ones carry none. */
  timeZoneLabel: string;
  dateStyle: DateStyle;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The weekday from the local date alone, as formatLongDate does: no second Intl formatter. */
const JA_WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;

/** "13:01 JST, January 21, 2026" or "2026年1月21日 13:01" (hours unpadded in Japanese: "9:05", as ICU and the press write). */
export function editionDateline(instant: Date, clock: EditionClock): string {
  if (clock.dateStyle === 'en') return formatDateline(instant, clock.timeZone, clock.timeZoneLabel);
  const p = zonedParts(instant, clock.timeZone);
  return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${pad(p.minute)}`;
}

/** "January 21, 2026" or "2026年1月21日": lists and fronts. */
export function editionDate(instant: Date, clock: EditionClock): string {
  if (clock.dateStyle === 'en') return formatDate(instant, clock.timeZone);
  const p = zonedParts(instant, clock.timeZone);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** "Wednesday, January 21, 2026" or "2026年1月21日（水）": the home page's date line. */
export function editionLongDate(instant: Date, clock: EditionClock): string {
  if (clock.dateStyle === 'en') return formatLongDate(instant, clock.timeZone);
  const p = zonedParts(instant, clock.timeZone);
  const weekday = JA_WEEKDAYS[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()]!;
  return `${p.year}年${p.month}月${p.day}日（${weekday}）`;
}

/** The <time datetime> value: "2026-01-21T13:01:00+09:00" whatever the edition's language. */
export function editionDatetime(instant: Date, clock: EditionClock): string {
  return isoWithOffset(instant, clock.timeZone);
}
