import type { Metadata } from 'next';
import Link from 'next/link';
import { asc } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { professionals } from '@/db/schema';
import { AppointmentActions } from '@/components/admin/appointment-actions';
import { loadStaffAgenda } from '@/lib/appointments/staff-agenda';
import { setAttendance, staffCancelAppointment, staffDeleteAppointment } from '@/lib/appointments/staff-actions';
import { statusLabels } from '@/lib/appointments/status';
import { requireStaff } from '@/lib/auth/session';
import { localToday } from '@/lib/availability/queries';
import { addDaysToDate } from '@/lib/availability/slots';
import { getCenterSettings } from '@/lib/settings/queries';
import { formatTime } from '@/lib/time/format';
import { dayHeading, formatLocalDate } from '@/lib/time/labels';

export const metadata: Metadata = { title: 'Pantalla de Turnos' };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** PANTALLA DE TURNOS: one professional's day or week, with every turno and the free slots. */
export default async function StaffAgendaPage({ searchParams }: { searchParams: Search }) {
  await requireStaff();
  const search = await searchParams;
  const db = getDb();
  const settings = await getCenterSettings(db);
  const tz = settings.timeZone;
  const now = new Date();
  const today = localToday(now, tz);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(one(search.fecha) ?? '') ? one(search.fecha)! : today;
  const week = one(search.vista) === 'semana';
  const pros = await db
    .select({ id: professionals.id, lastName: professionals.lastName, firstName: professionals.firstName, active: professionals.active })
    .from(professionals)
    .orderBy(asc(professionals.lastName), asc(professionals.firstName));
  const activePros = pros.filter((p) => p.active);
  const professionalId = Number(one(search.profesional)) || activePros[0]?.id;
  const toDate = week ? addDaysToDate(date, 6) : date;
  const agenda = professionalId ? await loadStaffAgenda(db, { professionalId, fromDate: date, toDate, timeZone: tz, now }) : null;
  const href = (over: Record<string, string | number>) => {
    const q = new URLSearchParams({ profesional: String(professionalId ?? ''), fecha: date, vista: week ? 'semana' : 'dia' });
    for (const [k, v] of Object.entries(over)) q.set(k, String(v));
    return `/admin/turnos?${q}`;
  };
  const step = week ? 7 : 1;
  const days = [...new Set(agenda?.rows.map((r) => r.date) ?? [])];
  return (
    <main className="mx-auto max-w-6xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-bold text-brand-800">Pantalla de Turnos</h1>
      <form className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-3 shadow-sm" action="/admin/turnos">
        <div className="flex flex-col text-sm font-medium">
          <label htmlFor="agenda-profesional">Profesional</label>
          <select id="agenda-profesional" name="profesional" defaultValue={professionalId} className="mt-1 min-h-11 rounded-lg border border-slate-400 px-2">
            {activePros.map((p) => (
              <option key={p.id} value={p.id}>
                {p.lastName} {p.firstName}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col text-sm font-medium">
          <label htmlFor="agenda-fecha">Fecha</label>
          <input id="agenda-fecha" type="date" name="fecha" defaultValue={date} className="mt-1 min-h-11 rounded-lg border border-slate-400 px-2" />
        </div>
        <div className="flex flex-col text-sm font-medium">
          <label htmlFor="agenda-vista">Vista</label>
          <select id="agenda-vista" name="vista" defaultValue={week ? 'semana' : 'dia'} className="mt-1 min-h-11 rounded-lg border border-slate-400 px-2">
            <option value="dia">Día</option>
            <option value="semana">Semana</option>
          </select>
        </div>
        <button type="submit" className="min-h-11 rounded-lg bg-brand-700 px-4 font-semibold text-white">
          Ver
        </button>
      </form>
      <nav aria-label="Cambiar de día o semana" className="flex flex-wrap gap-2">
        <Link className="rounded-lg border border-slate-300 bg-white px-3 py-2 font-semibold" href={href({ fecha: addDaysToDate(date, -step) })}>
          ‹ {week ? 'Semana anterior' : 'Día anterior'}
        </Link>
        <Link className="rounded-lg border border-slate-300 bg-white px-3 py-2 font-semibold" href={href({ fecha: today })}>
          Hoy
        </Link>
        <Link className="rounded-lg border border-slate-300 bg-white px-3 py-2 font-semibold" href={href({ fecha: addDaysToDate(date, step) })}>
          {week ? 'Semana siguiente' : 'Día siguiente'} ›
        </Link>
      </nav>
      {!agenda ? (
        <p className="rounded-lg bg-white p-4 shadow-sm">No hay profesionales cargados.</p>
      ) : (
        <>
          <h2 className="text-lg font-semibold">
            {agenda.professional} · {week ? `semana del ${formatLocalDate(date)} al ${formatLocalDate(toDate)}` : dayHeading(date)}
          </h2>
          {agenda.closedDays.map((c) => (
            <p key={c.date} className="rounded-lg bg-amber-50 p-3 text-amber-900">
              {dayHeading(c.date)}: {c.reason || 'no atiende'}
            </p>
          ))}
          {agenda.rows.length === 0 && <p className="rounded-lg bg-white p-4 shadow-sm">No atiende en este período.</p>}
          {days.map((day) => (
            <section key={day} aria-label={dayHeading(day)} className="overflow-x-auto rounded-lg bg-white shadow-sm">
              {week && <h3 className="bg-slate-100 px-3 py-2 font-semibold">{dayHeading(day)}</h3>}
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Turnos del {dayHeading(day)}</caption>
                <thead>
                  <tr className="border-b border-slate-200">
                    <th scope="col" className="px-3 py-2">Hora</th>
                    <th scope="col" className="px-3 py-2">Paciente</th>
                    <th scope="col" className="px-3 py-2">Obra Social</th>
                    <th scope="col" className="px-3 py-2">Tipo</th>
                    <th scope="col" className="px-3 py-2">Estado</th>
                    <th scope="col" className="px-3 py-2">Acciones</th>
                  </tr>
                </thead>
                <tbody>
                  {agenda.rows
                    .filter((r) => r.date === day)
                    .map((row) => {
                      const time = formatTime(row.startsAt, tz);
                      const live = row.appointments.filter((a) => a.status !== 'cancelled');
                      const bookHref = `/admin/turnos/nuevo?profesional=${professionalId}&inicio=${encodeURIComponent(row.startsAt.toISOString())}`;
                      if (row.appointments.length === 0) {
                        return (
                          <tr key={row.startsAt.toISOString()} className="border-t border-slate-100 bg-green-50">
                            <td className="px-3 py-2 font-semibold">{time}</td>
                            <td className="px-3 py-2 text-green-800" colSpan={4}>
                              Libre
                            </td>
                            <td className="px-3 py-2">
                              <Link href={bookHref} className="inline-block rounded-md bg-brand-700 px-3 py-2 font-semibold text-white" aria-label={`Dar turno ${dayHeading(day)} ${time}`}>
                                Dar turno
                              </Link>
                            </td>
                          </tr>
                        );
                      }
                      return row.appointments.map((a, i) => (
                        <tr key={a.id} className={`border-t border-slate-100 ${a.status === 'cancelled' ? 'text-slate-500' : ''}`}>
                          <td className="px-3 py-2 font-semibold">{i === 0 ? formatTime(a.startsAt, tz) : ''}</td>
                          <td className="px-3 py-2">
                            <span className={a.status === 'cancelled' ? 'line-through' : ''}>{a.patient}</span>
                            <span className="block text-xs text-slate-600">
                              DNI {a.dni}
                              {a.phone ? ` · Tel. ${a.phone}` : ''}
                            </span>
                            {a.reason && <span className="block text-xs text-slate-600">Motivo: {a.reason}</span>}
                          </td>
                          <td className="px-3 py-2">{a.insurer ?? '—'}</td>
                          <td className="px-3 py-2">
                            {a.source === 'web' ? settings.webAppointmentType : 'SISTEMA'}
                            {a.overbooked ? ' · SOBRETURNO' : ''}
                          </td>
                          <td className="px-3 py-2">{statusLabels[a.status]}</td>
                          <td className="px-3 py-2">
                            <AppointmentActions
                              appointmentId={a.id}
                              status={a.status}
                              started={a.startsAt <= now}
                              label={`${a.patient} (${time})`}
                              setAttendance={setAttendance}
                              cancel={staffCancelAppointment}
                              remove={staffDeleteAppointment}
                            />
                            {i === row.appointments.length - 1 && (
                              <Link href={live.length ? `${bookHref}&sobreturno=1` : bookHref} className="mt-1 inline-block text-sm text-brand-700 underline">
                                {live.length ? 'Dar sobreturno' : 'Dar turno'}
                              </Link>
                            )}
                          </td>
                        </tr>
                      ));
                    })}
                </tbody>
              </table>
            </section>
          ))}
        </>
      )}
    </main>
  );
}
