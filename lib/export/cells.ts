/**
 * A cell of an exported table, as both writers (CSV and XLSX) understand it. Instants are given
 * as the center's local wall time, already split into calendar fields, so neither writer deals
 * with time zones.
 */
export type LocalDateTime = { date: string; time: string };

export type Cell =
  | { kind: 'text'; value: string }
  /** 'yyyy-MM-dd' */
  | { kind: 'date'; value: string }
  /** 'yyyy-MM-dd' + 'HH:mm' */
  | { kind: 'datetime'; value: LocalDateTime }
  /** 'HH:mm' */
  | { kind: 'time'; value: string }
  | { kind: 'empty' };

export const text = (value: string | null | undefined): Cell => (value ? { kind: 'text', value } : { kind: 'empty' });

/**
 * Text a spreadsheet would read as a formula (CSV/formula injection, OWASP): = + - @ and the tab /
 * carriage return some programs strip before looking.
 */
export function looksLikeFormula(value: string): boolean {
  return /^[=+\-@\t\r]/.test(value);
}

/** The leading apostrophe that makes Excel and LibreOffice take the cell as plain text. */
export function neutraliseFormula(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value;
}

/** "dd/MM/yyyy" of a 'yyyy-MM-dd'. */
export function displayDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
