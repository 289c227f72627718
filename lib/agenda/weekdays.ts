/** ISO weekday names (1 = Monday ... 7 = Sunday), as the agenda screens show them. */
export const WEEKDAY_NAMES: Record<number, string> = {
  1: 'Lunes',
  2: 'Martes',
  3: 'Miércoles',
  4: 'Jueves',
  5: 'Viernes',
  6: 'Sábado',
  7: 'Domingo',
};

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** '08:00:00' (as the database answers) → '08:00'. */
export function shortTime(time: string): string {
  return time.slice(0, 5);
}

/** 'yyyy-MM-dd' → 'dd/MM/yyyy'. */
export function displayDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** "desde 01/12/2026" or "del 01/12/2026 al 31/12/2026": a rule's validity, for people. */
export function validityLabel(validFrom: string, validTo: string | null): string {
  return validTo ? `del ${displayDate(validFrom)} al ${displayDate(validTo)}` : `desde ${displayDate(validFrom)}`;
}
