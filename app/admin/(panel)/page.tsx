import type { Metadata } from 'next';
import { fromZonedTime } from 'date-fns-tz';
import { getDb } from '@/db/client';
import { listAppointmentsBetween } from '@/lib/appointments/queries';
import { statusLabels } from '@/lib/appointments/status';
import { requireStaff } from '@/lib/auth/session';
import { localToday } from '@/lib/availability/queries';
import { addDaysToDate } from '@/lib/availability/slots';
import { getCenterSettings } from '@/lib/settings/queries';
import { formatLongDate, formatTime } from '@/lib/time/format';

export const metadata: Metadata = { title: 'Turnos del día' };

export default async function StaffHomePage() {
  await requireStaff();
  const db = getDb();
  const settings = await getCenterSettings(db);
  const tz = settings.timeZone;
  const now = new Date();
  const today = localToday(now, tz);
  const rows = await listAppointmentsBetween(
    db,
    fromZonedTime(`${today}T00:00:00`, tz),
    fromZonedTime(`${addDaysToDate(today, 1)}T00:00:00`, tz),
  );
  return (
    <main className="mx-auto max-w-5xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-bold text-brand-800">Turnos del día</h1>
      <p className="text-slate-700">
        {settings.centerName} · {formatLongDate(now, tz)} · {rows.filter((r) => r.status !== 'cancelled').length} turnos
      </p>
      {rows.length === 0 ? (
        <p className="rounded-lg bg-white p-4 shadow-sm">No hay turnos para hoy.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Turnos de hoy por hora</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">Hora</th>
                <th scope="col" className="px-3 py-2">Profesional</th>
                <th scope="col" className="px-3 py-2">Paciente</th>
                <th scope="col" className="px-3 py-2">DNI</th>
                <th scope="col" className="px-3 py-2">Obra Social</th>
                <th scope="col" className="px-3 py-2">Tipo</th>
                <th scope="col" className="px-3 py-2">Estado</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <td className="px-3 py-2 font-semibold">{formatTime(r.startsAt, tz)}</td>
                  <td className="px-3 py-2">{r.professional}</td>
                  <td className="px-3 py-2">{r.patient}</td>
                  <td className="px-3 py-2">{r.dni}</td>
                  <td className="px-3 py-2">{r.insurer ?? '—'}</td>
                  <td className="px-3 py-2">
                    {r.source === 'web' ? settings.webAppointmentType : 'SISTEMA'}
                    {r.overbooked ? ' · SOBRETURNO' : ''}
                  </td>
                  <td className="px-3 py-2">{statusLabels[r.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
