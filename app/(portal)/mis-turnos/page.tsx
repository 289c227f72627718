import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { CancelAppointment } from '@/components/portal/cancel-appointment';
import { EditReason } from '@/components/portal/edit-reason';
import { listPatientAppointments } from '@/lib/appointments/queries';
import { statusLabels } from '@/lib/appointments/status';
import { requirePatient } from '@/lib/auth/session';
import { cancelMyAppointment, updateMyAppointmentReason } from '@/lib/booking/actions';
import { bookingHref } from '@/lib/booking/params';
import { getRequestCenterSettings } from '@/lib/settings/queries';
import { formatLongDate, formatTime } from '@/lib/time/format';
import { withDatabase } from '@/lib/server/unavailable';

export const metadata: Metadata = { title: 'Mis Turnos' };

const statusStyles = {
  reserved: 'bg-green-100 text-green-900',
  present: 'bg-blue-100 text-blue-900',
  absent: 'bg-amber-100 text-amber-900',
  cancelled: 'bg-slate-200 text-slate-700',
} as const;

async function MyAppointmentsPage() {
  const patient = await requirePatient();
  const db = getDb();
  const [settings, rows] = await Promise.all([getRequestCenterSettings(), listPatientAppointments(db, patient.patientId)]);
  const tz = settings.timeZone;
  const now = Date.now();
  const cutoffMs = settings.cancelCutoffHours * 3_600_000;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold text-brand-800">Mis Turnos</h1>
        <Link href="/tomar-turno" className="inline-flex min-h-12 items-center rounded-lg bg-brand-700 px-5 font-semibold text-white hover:bg-brand-800">
          Tomar Turno
        </Link>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg bg-white p-4 shadow-sm">Todavía no tiene turnos.</p>
      ) : (
        <ul className="space-y-3" aria-label="Sus turnos, del más nuevo al más viejo">
          {rows.map((a) => (
            <li key={a.id} className="rounded-lg bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <p className="text-lg font-semibold">
                  {formatLongDate(a.startsAt, tz)} · {formatTime(a.startsAt, tz)} hs
                </p>
                <span className={`rounded-full px-3 py-1 text-sm font-semibold ${statusStyles[a.status]}`}>
                  {statusLabels[a.status]}
                </span>
              </div>
              <p>{a.professional}</p>
              <p className="text-slate-700">{[a.specialty, a.study].filter(Boolean).join(' · ')}</p>
              {a.insurer && <p className="text-sm text-slate-600">Obra social: {a.insurer}</p>}
              {a.reason && <p className="text-sm text-slate-600">Motivo: {a.reason}</p>}
              <div className="mt-3 flex flex-wrap gap-2">
                {a.status !== 'cancelled' && (
                  <Link
                    href={`/mis-turnos/${a.id}/imprimir`}
                    className="inline-flex min-h-11 items-center rounded-lg border border-slate-400 px-4 font-semibold hover:bg-slate-100"
                  >
                    Reimprimir
                  </Link>
                )}
                {a.status === 'reserved' && a.startsAt.getTime() > now && (
                  <EditReason id={a.id} reason={a.reason} action={updateMyAppointmentReason.bind(null, a.id)} />
                )}
                {a.status === 'reserved' && a.startsAt.getTime() - now >= cutoffMs && (
                  <>
                    <Link
                      href={bookingHref(`/tomar-turno/agenda/${a.professionalId}`, {
                        especialidad: a.specialtyId ?? undefined,
                        estudio: a.studyId ?? undefined,
                        cambiar: a.id,
                      })}
                      className="inline-flex min-h-11 items-center rounded-lg border border-brand-700 px-4 font-semibold text-brand-700 hover:bg-brand-50"
                    >
                      Cambiar Horario
                    </Link>
                    <CancelAppointment
                      label={`${formatLongDate(a.startsAt, tz)} a las ${formatTime(a.startsAt, tz)} hs`}
                      action={cancelMyAppointment.bind(null, a.id)}
                    />
                  </>
                )}
                {a.status === 'reserved' && a.startsAt.getTime() > now && a.startsAt.getTime() - now < cutoffMs && (
                  <p className="text-sm text-slate-600">
                    Para cancelar o cambiar este turno comuníquese con el centro{settings.contactPhones ? ` al ${settings.contactPhones}` : ''}.
                  </p>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href="/" className="text-brand-700 underline">
          Volver al inicio
        </Link>
      </p>
    </div>
  );
}

export default withDatabase(MyAppointmentsPage, '/mis-turnos');
