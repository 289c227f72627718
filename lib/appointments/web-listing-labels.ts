import type { WebListingRow } from './web-listing';

/** Who cancelled a turno, as the listing and its export say it. */
export function cancelledByLabel(row: Pick<WebListingRow, 'cancelOrigin' | 'cancelledBy'>): string {
  switch (row.cancelOrigin) {
    case 'web':
      return 'El paciente (web)';
    case 'staff':
      return row.cancelledBy ? `El centro (${row.cancelledBy})` : 'El centro';
    case 'system':
      return 'El sistema';
    default:
      return '';
  }
}
