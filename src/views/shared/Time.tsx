import { formatDate, formatDateline, isoWithOffset } from '../../domain/dateline.js';
import type { SiteSettings } from '../../domain/settings.js';

interface TimeProps {
  instant: Date;
  settings: SiteSettings;
  /** "dateline" prints "13:01 JST, January 21, 2026"; "date" prints "January 21, 2026". */
  style: 'dateline' | 'date';
}

export const Time = ({ instant, settings, style }: TimeProps) => (
  <time dateTime={isoWithOffset(instant, settings.timeZone)}>
    {style === 'dateline'
      ? formatDateline(instant, settings.timeZone, settings.timeZoneLabel)
      : formatDate(instant, settings.timeZone)}
  </time>
);
