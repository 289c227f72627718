import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { inArray } from 'drizzle-orm';
import { ActionButton } from '@/components/admin/catalog/action-button';
import { plainButton, primaryButton } from '@/components/admin/catalog/styles';
import { BatchProgress } from '@/components/admin/reminders/batch-progress';
import { BatchStatusText } from '@/components/admin/reminders/batch-status';
import { getDb } from '@/db/client';
import { insurers, professionals, specialties } from '@/db/schema';
import { requireStaff } from '@/lib/auth/session';
import { formatLocalDate } from '@/lib/time/labels';
import { batchProgressAction, discardBatchAction, releaseBatchAction, removeBatchRowAction } from '@/lib/reminders/send-actions';
import { rowStatusLabels } from '@/lib/reminders/send-list-export';
import { SEND_PATH, type SendListFilters } from '@/lib/reminders/send-list-schema';
import { BATCH_PAGE, getBatch, listBatchRows } from '@/lib/reminders/send-lists';
import { getCenterSettings } from '@/lib/settings/queries';
import { formatDate, formatTime } from '@/lib/time/format';
import type { DbOrTx } from '@/db/client';

export const metadata: Metadata = { title: 'Enviar mail/SMS: listado' };

type Params = Promise<{ id: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

const WHO: Record<SendListFilters['who'], string> = { no_enviados: 'los que no tienen enviado', enviados: 'los que ya tienen enviado', todos: 'todos' };

/** The filters as the staff chose them, in words. */
async function describeFilters(db: DbOrTx, f: SendListFilters): Promise<string[]> {
  const names = async (table: typeof insurers | typeof specialties, ids: number[]) =>
    ids.length ? (await db.select({ name: table.name }).from(table).where(inArray(table.id, ids))).map((r) => r.name) : [];
  const [insurerNames, specialtyNames, professionalRows] = await Promise.all([
    names(insurers, f.insurerIds ?? []),
    names(specialties, f.specialtyId ? [f.specialtyId] : []),
    f.professionalId
      ? db.select({ last: professionals.lastName, first: professionals.firstName }).from(professionals).where(inArray(professionals.id, [f.professionalId]))
      : Promise.resolve([]),
  ]);
  return [
    f.target === 'turnos' ? `A partir de turnos del ${formatLocalDate(f.from!)} al ${formatLocalDate(f.to!)}` : 'A todos los pacientes',
    `Quiénes: ${WHO[f.who]}`,
    `Obra social: ${insurerNames.length ? insurerNames.join(', ') : 'todas'}`,
    `Especialidad: ${specialtyNames[0] ?? 'todas'}`,
    `Profesional: ${professionalRows[0] ? `${professionalRows[0].last} ${professionalRows[0].first}` : 'todos'}`,
  ];
}

/** One list of ENVIAR MAIL/SMS: check it, export it, trim it, send it, and watch it go. */
export default async function SendBatchPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const staff = await requireStaff(['admin', 'reception']);
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const db = getDb();
  const batch = await getBatch(db, Number(id));
  if (!batch) notFound();
  const desde = (await searchParams).desde;
  const after = typeof desde === 'string' && /^\d{1,15}$/.test(desde) ? Number(desde) : 0;
  const [center, rows, filterLines] = await Promise.all([
    getCenterSettings(db),
    listBatchRows(db, batch.id, { after, limit: BATCH_PAGE }),
    describeFilters(db, batch.filters),
  ]);
  const tz = center.timeZone;
  const channelWord = batch.channel === 'email' ? 'mails' : 'SMS';
  const draft = batch.status === 'draft';
  const exportHref = (format: 'csv' | 'xlsx') => `${SEND_PATH}/${batch.id}/exportar?formato=${format}`;
  const exportLinks = (
    <>
      <a href={exportHref('csv')} className={plainButton}>
        Exportar CSV
      </a>
      <a href={exportHref('xlsx')} className={plainButton}>
        Exportar Excel
      </a>
    </>
  );
  const nextHref = rows.length === BATCH_PAGE ? `${SEND_PATH}/${batch.id}?desde=${rows[rows.length - 1].id}` : null;
  const cell = 'px-2 py-2 align-top';

  return (
    <main className="mx-auto max-w-7xl space-y-4 px-4 py-6">
      <p>
        <Link href={SEND_PATH} className="font-semibold text-brand-700 underline">
          ← Enviar mail/SMS
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-brand-800">
        Envío N° {batch.id}: {batch.templateTitle ?? '(plantilla borrada)'} ({batch.channel === 'email' ? 'Mail' : 'SMS'})
      </h1>
      <div className="flex flex-wrap items-center gap-3">
        <BatchStatusText status={batch.status} counts={batch.counts} />
        <span className="text-sm text-slate-700">
          Preparado el {formatDate(batch.createdAt, tz)} a las {formatTime(batch.createdAt, tz)} por {batch.staffUsername ?? '—'}
          {batch.releasedAt ? ` · enviado el ${formatDate(batch.releasedAt, tz)} a las ${formatTime(batch.releasedAt, tz)}` : ''}
        </span>
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
        {filterLines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>

      {draft ? (
        <div className="flex flex-wrap items-start gap-3 rounded-lg bg-white p-4 shadow-sm">
          <p className="w-full font-semibold">
            {batch.counts.total} {batch.counts.total === 1 ? 'registro' : 'registros'} en el listado. Revíselo, quite los que no correspondan y
            oprima ENVIAR {channelWord.toUpperCase()}.
          </p>
          <ActionButton
            action={releaseBatchAction}
            input={{ batchId: batch.id }}
            label={`ENVIAR ${channelWord.toUpperCase()}`}
            context={`(${batch.counts.total})`}
            confirm={`¿Enviar ${batch.counts.total} ${channelWord} ahora?`}
            tone="primary"
            pendingLabel="Enviando…"
          />
          {exportLinks}
          <ActionButton
            action={discardBatchAction}
            input={{ batchId: batch.id }}
            label="Descartar listado"
            context={`N° ${batch.id}`}
            confirm="¿Descartar este listado sin enviarlo?"
            tone="danger"
            doneHref={SEND_PATH}
          />
        </div>
      ) : (
        <>
          <BatchProgress batchId={batch.id} initial={{ status: batch.status, counts: batch.counts }} poll={batchProgressAction} />
          <div className="flex flex-wrap gap-3">
            <Link href={SEND_PATH} className={primaryButton}>
              Nuevo envío
            </Link>
            {exportLinks}
            {batch.counts.error > 0 && staff.role === 'admin' && (
              <Link href={`/admin/prestaciones/registro?estado=unsent&tipo=${batch.channel}`} className={plainButton}>
                Ver errores en el Registro de envíos
              </Link>
            )}
          </div>
        </>
      )}

      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Listado del envío N° {batch.id}</caption>
          <thead className="bg-slate-100">
            <tr>
              {['TuID', 'PacID', 'Env', 'ConError', 'Error', 'Paciente', batch.channel === 'email' ? 'EMail' : 'Celular', 'Obra Social', 'Fecha', 'Hora', 'Profesional', 'Especialidad'].map(
                (title) => (
                  <th key={title} scope="col" className={cell}>
                    {title}
                  </th>
                ),
              )}
              <th scope="col" className={cell}>
                {draft ? <span className="sr-only">Quitar</span> : 'Estado'}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-200">
                <td className={cell}>{r.appointmentId ?? ''}</td>
                <td className={cell}>{r.patientId ?? ''}</td>
                <td className={cell}>{r.sentBefore ? 'SI' : 'NO'}</td>
                <td className={cell}>{r.errorBefore ? 'SI' : ''}</td>
                <td className={`${cell} max-w-48 break-words text-red-800`}>{r.errorBefore ?? ''}</td>
                <td className={`${cell} font-medium`}>{r.patient}</td>
                <td className={`${cell} break-all`}>{r.recipient}</td>
                <td className={cell}>{r.insurer ?? ''}</td>
                <td className={cell}>{r.startsAt ? formatDate(r.startsAt, tz) : ''}</td>
                <td className={cell}>{r.startsAt ? formatTime(r.startsAt, tz) : ''}</td>
                <td className={cell}>{r.professional ?? ''}</td>
                <td className={cell}>{r.specialty ?? ''}</td>
                <td className={cell}>
                  {draft ? (
                    <ActionButton action={removeBatchRowAction} input={{ batchId: batch.id, messageId: r.id }} label="Quitar" context={r.patient} pendingLabel="Quitando…" />
                  ) : (
                    <RowStatus row={r} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Páginas del listado" className="flex gap-3">
        {after > 0 && (
          <Link href={`${SEND_PATH}/${batch.id}`} className={plainButton}>
            Volver al principio
          </Link>
        )}
        {nextHref && (
          <Link href={nextHref} className={plainButton}>
            Siguientes {BATCH_PAGE}
          </Link>
        )}
      </nav>
    </main>
  );
}

function RowStatus({ row }: { row: Awaited<ReturnType<typeof listBatchRows>>[number] }) {
  const tone = row.status === 'sent' ? 'text-green-800' : row.status === 'error' || row.status === 'cancelled' ? 'text-red-800' : 'text-slate-700';
  return (
    <span className={`font-semibold ${tone}`}>
      {rowStatusLabels[row.status]}
      {row.error && row.status !== 'sent' ? <span className="block font-normal">{row.error}</span> : null}
    </span>
  );
}

