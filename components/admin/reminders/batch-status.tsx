import type { BatchCounts } from '@/lib/reminders/send-lists';

/** "Sin enviar", "Enviando 40 de 120", "Terminado: 118 enviados, 2 con error". */
export function batchStatusLine(status: 'draft' | 'sending' | 'done', counts: BatchCounts): string {
  if (status === 'draft') return 'Listado sin enviar';
  const done = counts.sent + counts.error + counts.skipped;
  const errors = counts.error ? `, ${counts.error} con error` : '';
  const skipped = counts.skipped ? `, ${counts.skipped} ${counts.skipped === 1 ? 'omitido' : 'omitidos'}` : '';
  if (status === 'sending') return `Enviando: ${done} de ${counts.total} (${counts.sent} enviados${errors}${skipped})`;
  return `Terminado: ${counts.sent} ${counts.sent === 1 ? 'enviado' : 'enviados'}${errors}${skipped}`;
}

export function BatchStatusText({ status, counts }: { status: 'draft' | 'sending' | 'done'; counts: BatchCounts }) {
  const tone = status === 'draft' ? 'bg-amber-100 text-amber-900' : status === 'sending' ? 'bg-blue-100 text-blue-900' : counts.error ? 'bg-red-100 text-red-900' : 'bg-green-100 text-green-900';
  return <span className={`rounded-full px-3 py-1 text-sm font-semibold ${tone}`}>{batchStatusLine(status, counts)}</span>;
}
