import 'server-only';
import { formatInTimeZone } from 'date-fns-tz';
import type { DbOrTx } from '@/db/client';
import { text, type Cell, type LocalDateTime } from '@/lib/export/cells';
import { cellBatches, tableExportStream, type ExportFormat } from '@/lib/export/stream';
import { localClock, type LocalClock } from '@/lib/time/local-clock';
import { statusLabels } from './status';
import { cancelledByLabel } from './web-listing-labels';
import { webAppointmentBatches, type WebListingFilters, type WebListingRow } from './web-listing';

/** The export of the FILTERED "Listado de Turnos dados por Sistema Web": every page, not just one. */

export type { ExportFormat } from '@/lib/export/stream';

/**
 * Rows per database round trip: ~1 MB of rows in memory at a time, and few enough trips that a
 * month (~10,000 rows) takes five of them.
 */
const EXPORT_BATCH = 2000;

const COLUMNS = [
  { title: 'N° TURNO', width: 10 },
  { title: 'FECHA DE OTORGAMIENTO', width: 20 },
  { title: 'FECHA DEL TURNO', width: 16 },
  { title: 'HORA', width: 8 },
  { title: 'PACIENTE', width: 30 },
  { title: 'DNI', width: 12 },
  { title: 'PROFESIONAL', width: 28 },
  { title: 'ESPECIALIDAD / ESTUDIO', width: 26 },
  { title: 'OBRA SOCIAL', width: 20 },
  { title: 'ESTADO', width: 12 },
  { title: 'MOTIVO', width: 30 },
  { title: 'FECHA DE CANCELACION', width: 20 },
  { title: 'CANCELADO POR', width: 26 },
];

export function exportCells(row: WebListingRow, local: LocalClock): Cell[] {
  const starts: LocalDateTime = local(row.startsAt);
  return [
    text(String(row.id)),
    { kind: 'datetime', value: local(row.bookedAt) },
    { kind: 'date', value: starts.date },
    { kind: 'time', value: starts.time },
    text(row.patient),
    text(row.dni),
    text(row.professional),
    text(row.specialty ?? row.study),
    text(row.insurer),
    text(statusLabels[row.status]),
    text(row.reason),
    row.cancelledAt ? { kind: 'datetime', value: local(row.cancelledAt) } : { kind: 'empty' },
    text(cancelledByLabel(row)),
  ];
}

export function exportFileName(format: ExportFormat, now: Date, timeZone: string): string {
  return `turnos-web-${formatInTimeZone(now, timeZone, 'yyyy-MM-dd-HHmm')}.${format}`;
}

/** The filtered list as CSV or XLSX, streamed (lib/export/stream.ts). */
export function exportWebAppointments(
  db: DbOrTx,
  filters: WebListingFilters,
  format: ExportFormat,
  options: { timeZone: string; batchSize?: number },
): ReadableStream<Uint8Array> {
  const batches = webAppointmentBatches(db, filters, { timeZone: options.timeZone, batchSize: options.batchSize ?? EXPORT_BATCH });
  const local = localClock(options.timeZone);
  return tableExportStream(format, { sheetName: 'Turnos Web', columns: COLUMNS }, cellBatches(batches, (r) => exportCells(r, local)));
}
