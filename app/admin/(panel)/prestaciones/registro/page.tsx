import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { listSendLog, type SendLogRow } from '@/lib/messaging/send-log';
import { parseSendLogSearch, sendLogSearchParams } from '@/lib/messaging/send-log-filters';
import { getCenterSettings } from '@/lib/settings/queries';
import { formatDate, formatTime } from '@/lib/time/format';

export const metadata: Metadata = { title: 'Registro de envíos' };

const PATH = '/admin/prestaciones/registro';
type Search = Promise<Record<string, string | string[] | undefined>>;

const statusLabels: Record<SendLogRow['status'], string> = {
  sent: 'Enviado',
  pending: 'Sin enviar (en cola)',
  sending: 'Sin enviar (enviando)',
  error: 'Sin enviar (error)',
  draft: 'Sin enviar (borrador)',
  cancelled: 'Sin enviar (cancelado)',
};

/**
 * PRESTACIONES → MODULOS DE ENVIO DE MAILS → ENVIOS Y REPORTES → REGISTRO DE ENVIOS: every mail and
 * SMS with its result. Admins only: it shows the messages' bodies.
 */
export default async function SendLogPage({ searchParams }: { searchParams: Search }) {
  await requireStaff('admin');
  const filters = parseSendLogSearch(await searchParams);
  const db = getDb();
  const tz = (await getCenterSettings(db)).timeZone;
  const { rows, nextBefore } = await listSendLog(db, filters, tz);
  const next = sendLogSearchParams({ ...filters, before: nextBefore ?? undefined });
  const input = 'mt-1 block min-h-11 w-full rounded-lg border border-slate-400 bg-white px-2';
  return (
    <main className="mx-auto max-w-6xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-bold text-brand-800">Registro de envíos</h1>
      <p className="text-sm text-slate-700">
        Los envíos de mails y SMS (y sus rechazos). La fecha de envío es la del envío; para los que todavía no se enviaron, la
        fecha en que se generaron.
      </p>
      <form action={PATH} className="grid grid-cols-2 items-end gap-3 rounded-lg bg-white p-3 shadow-sm sm:flex sm:flex-wrap">
        <label className="text-sm font-medium">
          Fecha de Envío desde
          <input type="date" name="desde" defaultValue={filters.from} className={input} />
        </label>
        <label className="text-sm font-medium">
          Fecha de Envío hasta
          <input type="date" name="hasta" defaultValue={filters.to} className={input} />
        </label>
        <label className="text-sm font-medium">
          Tipo de envío
          <select name="tipo" defaultValue={filters.channel ?? ''} className={input}>
            <option value="">Todos</option>
            <option value="email">Mail</option>
            <option value="sms">SMS</option>
          </select>
        </label>
        <label className="text-sm font-medium">
          Estado del envío
          <select name="estado" defaultValue={filters.state ?? ''} className={input}>
            <option value="">Todos</option>
            <option value="sent">Enviado</option>
            <option value="unsent">Sin Enviar</option>
          </select>
        </label>
        <label className="col-span-2 text-sm font-medium">
          Buscar
          <input name="buscar" defaultValue={filters.text} placeholder="Paciente, DNI, mail o celular" className={input} />
        </label>
        <button type="submit" className="col-span-2 min-h-11 rounded-lg bg-brand-700 px-4 font-semibold text-white sm:col-span-1">
          Filtrar
        </button>
      </form>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Registro de envíos de mails y SMS, del más nuevo al más viejo</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="min-w-32 px-3 py-2">Fecha y hora de envío</th>
              <th scope="col" className="px-3 py-2">Usuario</th>
              <th scope="col" className="px-3 py-2">Paciente</th>
              <th scope="col" className="px-3 py-2">Tipo</th>
              <th scope="col" className="px-3 py-2">Estado</th>
              <th scope="col" className="px-3 py-2">Mensaje</th>
              <th scope="col" className="px-3 py-2">Turno</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-4">
                  No hay envíos para estos filtros.
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 align-top">
                <td className="whitespace-nowrap px-3 py-2">
                  {formatDate(r.at, tz)} {formatTime(r.at, tz)}
                  {!r.sent && <span className="block text-xs text-slate-500">generado, sin enviar</span>}
                </td>
                <td className="px-3 py-2">{r.staffUsername ?? 'Sistema'}</td>
                <td className="px-3 py-2">
                  {r.patientName ?? '—'}
                  <span className="block break-all text-xs text-slate-500">{r.recipient}</span>
                </td>
                <td className="px-3 py-2">{r.channel === 'email' ? 'Mail' : 'SMS'}</td>
                <td className="px-3 py-2">
                  <span className={r.sent ? 'font-semibold text-green-800' : r.status === 'error' ? 'font-semibold text-red-800' : ''}>
                    {statusLabels[r.status]}
                  </span>
                  {r.error && <span className="block max-w-xs break-words text-xs text-red-800">Error: {r.error}</span>}
                  <span className="block text-xs text-slate-500">Intentos: {r.attempts}</span>
                </td>
                <td className="min-w-48 px-3 py-2">
                  {r.awaitingContent ? (
                    <span className="text-slate-600">Preparando el mensaje…</span>
                  ) : (
                    <details>
                      <summary className="cursor-pointer">{r.subject || r.bodyText.slice(0, 40) || 'Ver mensaje'}</summary>
                      <p className="mt-1 max-w-md whitespace-pre-wrap break-words text-xs">{r.bodyText}</p>
                    </details>
                  )}
                </td>
                <td className="whitespace-nowrap px-3 py-2">
                  {r.appointmentStartsAt ? (
                    <>
                      {formatDate(r.appointmentStartsAt, tz)} {formatTime(r.appointmentStartsAt, tz)}
                      <span className="block text-xs">{r.professionalName}</span>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextBefore && (
        <Link href={`${PATH}?${next}`} className="inline-block rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold">
          Más antiguos ›
        </Link>
      )}
    </main>
  );
}
