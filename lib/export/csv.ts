import { displayDate, neutraliseFormula, type Cell } from './cells';

/**
 * CSV as Excel in Argentina opens it with a double click:
 * - `;` between fields: es-AR uses the decimal comma, so Windows' "list separator" there (what
 *   Excel splits a CSV on) is `;`; with `,` the whole row lands in column A.
 * - UTF-8 with a BOM, or Excel reads the file as Windows-1252 and "GONZÁLEZ" turns into mojibake.
 *   (No `sep=;` line: with it Excel ignores the BOM.)
 * - CRLF line ends, fields quoted when they hold `;`, `"` or a line break (RFC 4180).
 */
export const CSV_SEPARATOR = ';';
export const CSV_BOM = '\uFEFF';

function field(cell: Cell): string {
  let value: string;
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'text':
      value = neutraliseFormula(cell.value);
      break;
    case 'date':
      value = displayDate(cell.value);
      break;
    case 'datetime':
      value = `${displayDate(cell.value.date)} ${cell.value.time}`;
      break;
    case 'time':
      value = cell.value;
      break;
  }
  return /[";\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(cells: Cell[]): string {
  return `${cells.map(field).join(CSV_SEPARATOR)}\r\n`;
}

export function csvHeader(titles: string[]): string {
  return CSV_BOM + csvLine(titles.map((value) => ({ kind: 'text', value })));
}
