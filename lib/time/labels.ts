const WEEKDAYS = ['Domingo', 'Lunes', 'Martes', 'Miércoles', 'Jueves', 'Viernes', 'Sábado'];

/** "Jueves 13/11" for a local calendar date 'yyyy-MM-dd'. */
export function dayHeading(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()]} ${date.slice(8, 10)}/${date.slice(5, 7)}`;
}

/** "Jueves 13/11 11:00": what a screen reader says for a slot. */
export function slotLabel(date: string, time: string): string {
  return `${dayHeading(date)} ${time}`;
}

/** "13/11/2026" */
export function formatLocalDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
