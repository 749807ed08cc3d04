import { formatDate, formatDateline, formatLongDate, isoDate, isoWithOffset } from '../../domain/dateline.js';
import type { SiteSettings } from '../../domain/settings.js';

interface TimeProps {
  instant: Date;
  settings: SiteSettings;
  /**
   * "dateline" prints "13:01 JST, January 21, 2026"; "date" prints "January 21, 2026"; "day" prints the day alone,
   * "Wednesday, January 21, 2026", with a date-only datetime.
   */
  style: 'dateline' | 'date' | 'day';
}

export const Time = ({ instant, settings, style }: TimeProps) =>
  style === 'day' ? (
    <time dateTime={isoDate(instant, settings.timeZone)}>{formatLongDate(instant, settings.timeZone)}</time>
  ) : (
    <time dateTime={isoWithOffset(instant, settings.timeZone)}>
      {style === 'dateline'
        ? formatDateline(instant, settings.timeZone, settings.timeZoneLabel)
        : formatDate(instant, settings.timeZone)}
    </time>
  );
