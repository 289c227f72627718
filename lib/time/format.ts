import { formatInTimeZone } from 'date-fns-tz';
import { es } from 'date-fns/locale';

/** Dates and times as the center reads them: dd/MM/yyyy, 24-hour, in the center's time zone. */
export function formatDate(instant: Date, timeZone: string): string {
  return formatInTimeZone(instant, timeZone, 'dd/MM/yyyy');
}

export function formatTime(instant: Date, timeZone: string): string {
  return formatInTimeZone(instant, timeZone, 'HH:mm');
}

/** "Jueves 13/11/2026" */
export function formatLongDate(instant: Date, timeZone: string): string {
  const text = formatInTimeZone(instant, timeZone, "EEEE dd/MM/yyyy", { locale: es });
  return text.charAt(0).toUpperCase() + text.slice(1);
}
