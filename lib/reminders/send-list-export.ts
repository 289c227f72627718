import 'server-only';
import { formatInTimeZone } from 'date-fns-tz';
import type { DbOrTx } from '@/db/client';
import { text, type Cell } from '@/lib/export/cells';
import { cellBatches, tableExportStream, type ExportFormat } from '@/lib/export/stream';
import { localClock, type LocalClock } from '@/lib/time/local-clock';
import { batchRowPages, type BatchRow } from './send-lists';

/** The list of ENVIAR MAIL/SMS as a file, with the manual's columns (and the row's own result). */

export const rowStatusLabels: Record<BatchRow['status'], string> = {
  draft: 'Sin enviar',
  pending: 'En cola',
  sending: 'Enviando',
  sent: 'Enviado',
  error: 'Error',
  cancelled: 'No enviado',
};

function columns(channel: 'email' | 'sms') {
  return [
    { title: 'TuID', width: 8 },
    { title: 'PacID', width: 8 },
    { title: 'Env', width: 5 },
    { title: 'ConError', width: 9 },
    { title: 'Error', width: 30 },
    { title: 'Paciente', width: 30 },
    { title: channel === 'email' ? 'EMail' : 'Celular', width: 30 },
    { title: 'ObraSocial', width: 18 },
    { title: 'Fecha', width: 12 },
    { title: 'Hora', width: 8 },
    { title: 'Profesional', width: 26 },
    { title: 'Especialidad', width: 24 },
    { title: 'Estado', width: 12 },
    { title: 'Resultado', width: 30 },
  ];
}

function cells(row: BatchRow, local: LocalClock): Cell[] {
  const starts = row.startsAt ? local(row.startsAt) : null;
  return [
    text(row.appointmentId ? String(row.appointmentId) : ''),
    text(row.patientId ? String(row.patientId) : ''),
    text(row.sentBefore ? 'SI' : 'NO'),
    text(row.errorBefore ? 'SI' : ''),
    text(row.errorBefore),
    text(row.patient),
    text(row.recipient),
    text(row.insurer),
    starts ? { kind: 'date', value: starts.date } : { kind: 'empty' },
    starts ? { kind: 'time', value: starts.time } : { kind: 'empty' },
    text(row.professional),
    text(row.specialty),
    text(rowStatusLabels[row.status]),
    text(row.error),
  ];
}

export function exportSendList(db: DbOrTx, batch: { id: number; channel: 'email' | 'sms' }, format: ExportFormat, timeZone: string) {
  const local = localClock(timeZone);
  return tableExportStream(format, { sheetName: `Envio ${batch.id}`, columns: columns(batch.channel) }, cellBatches(batchRowPages(db, batch.id), (r) => cells(r, local)));
}

export function sendListFileName(batchId: number, format: ExportFormat, now: Date, timeZone: string): string {
  return `envio-${batchId}-${formatInTimeZone(now, timeZone, 'yyyy-MM-dd-HHmm')}.${format}`;
}
