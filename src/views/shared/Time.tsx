import { isoDate } from '../../domain/dateline.js';
import {
  editionDate,
  editionDateline,
  editionDatetime,
  editionLongDate,
  type DateStyle,
} from '../../domain/edition-dates.js';
import type { SiteSettings } from '../../domain/settings.js';

interface TimeProps {
  instant: Date;
  /** The site's zone and label, and the edition's date style (English when none is given). */
  settings: Pick<SiteSettings, 'timeZone' | 'timeZoneLabel'> & { dateStyle?: DateStyle };
  /**
   * "dateline" prints "13:01 JST, January 21, 2026"; "date" prints "January 21, 2026"; "day" prints the day alone,
   * "Wednesday, January 21, 2026", with a date-only datetime. In a Japanese edition: "2026年1月21日 13:01",
   * "2026年1月21日", "2026年1月21日（水）"; the datetime is the same in every language.
   */
  style: 'dateline' | 'date' | 'day';
}

export const Time = ({ instant, settings, style }: TimeProps) => {
  const clock = {
    timeZone: settings.timeZone,
    timeZoneLabel: settings.timeZoneLabel,
    dateStyle: settings.dateStyle ?? 'en',
  };
  return style === 'day' ? (
    <time dateTime={isoDate(instant, settings.timeZone)}>{editionLongDate(instant, clock)}</time>
  ) : (
    <time dateTime={editionDatetime(instant, clock)}>
      {style === 'dateline' ? editionDateline(instant, clock) : editionDate(instant, clock)}
    </time>
  );
};
