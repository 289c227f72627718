import 'server-only';
import { formatInTimeZone } from 'date-fns-tz';
import type { DbOrTx } from '@/db/client';
import { text, type Cell, type LocalDateTime } from '@/lib/export/cells';
import { csvHeader, csvLine } from '@/lib/export/csv';
import { XlsxWriter } from '@/lib/export/xlsx';
import { localClock, type LocalClock } from '@/lib/time/local-clock';
import { statusLabels } from './status';
import { cancelledByLabel } from './web-listing-labels';
import { webAppointmentBatches, type WebListingFilters, type WebListingRow } from './web-listing';

/** The export of the FILTERED "Listado de Turnos dados por Sistema Web": every page, not just one. */

export type ExportFormat = 'csv' | 'xlsx';

/**
 * Rows per database round trip: ~1 MB of rows in memory at a time, and few enough trips that a
 * month (~10,000 rows) takes five of them.
 */
const EXPORT_BATCH = 2000;

export const EXPORT_CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

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

/**
 * The file as a stream. Pull-based: the next batch of rows is read from the database only when
 * the client has taken the previous one, so a slow download holds one batch, not the whole list.
 */
export function exportWebAppointments(
  db: DbOrTx,
  filters: WebListingFilters,
  format: ExportFormat,
  options: { timeZone: string; batchSize?: number },
): ReadableStream<Uint8Array> {
  const batches = webAppointmentBatches(db, filters, { timeZone: options.timeZone, batchSize: options.batchSize ?? EXPORT_BATCH });
  const encoder = new TextEncoder();
  const local = localClock(options.timeZone);
  const cells = (rows: WebListingRow[]) => rows.map((r) => exportCells(r, local));

  if (format === 'csv') {
    let started = false;
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvHeader(COLUMNS.map((c) => c.title))));
          return;
        }
        const next = await batches.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(cells(next.value).map(csvLine).join('')));
      },
      async cancel() {
        await batches.return(undefined);
      },
    });
  }

  let writer: XlsxWriter;
  let emitted = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      // fflate deflates synchronously: every chunk, the last included, arrives inside the call.
      writer = new XlsxWriter(
        (chunk) => {
          emitted++;
          controller.enqueue(chunk);
        },
        { sheetName: 'Turnos Web', columns: COLUMNS },
      );
    },
    async pull(controller) {
      // A pull that enqueues nothing is never called again (the stream waits for a chunk that
      // never comes), and deflate may swallow a whole batch: read on until it gives something.
      const before = emitted;
      while (emitted === before) {
        const next = await batches.next();
        if (next.done) {
          writer.finish();
          controller.close();
          return;
        }
        writer.addRows(cells(next.value));
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
