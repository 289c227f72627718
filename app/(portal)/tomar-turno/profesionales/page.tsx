import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { WebClosedNotice } from '@/components/portal/web-closed-notice';
import { WeekNav } from '@/components/portal/week-nav';
import { requirePatient } from '@/lib/auth/session';
import { addDaysToDate } from '@/lib/availability/slots';
import { bookingHref, parseBookingParams } from '@/lib/booking/params';
import { loadPortalWeek } from '@/lib/booking/portal-week';
import { getRequestCenterSettings } from '@/lib/settings/queries';
import { dayHeading, formatLocalDate } from '@/lib/time/labels';

export const metadata: Metadata = { title: 'Ver Profesionales' };

/** "VER PROFESIONALES": everyone who attends the specialty / study, A→Z, with their free times this week. */
export default async function ProfessionalsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [, settings, search] = await Promise.all([requirePatient(), getRequestCenterSettings(), searchParams]);
  const params = parseBookingParams(search);
  const db = getDb();
  if (!settings.webEnabled) return <WebClosedNotice phones={settings.contactPhones} />;
  const week = await loadPortalWeek(db, settings, params);
  if (!week.selection) redirect('/tomar-turno');
  const keep = { especialidad: params.especialidad, estudio: params.estudio, cambiar: params.cambiar };
  const nextWeek = bookingHref('/tomar-turno/profesionales', { ...keep, desde: addDaysToDate(week.fromDate, 7) });
  const prevWeek = week.fromDate > week.today ? bookingHref('/tomar-turno/profesionales', { ...keep, desde: addDaysToDate(week.fromDate, -7) }) : null;
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">Profesionales de {week.selection.name}</h1>
        <p className="text-slate-700">
          Horarios libres del {formatLocalDate(week.fromDate)} al {formatLocalDate(week.toDate)}
        </p>
        {week.selection.indication && <p className="mt-2 rounded-lg bg-amber-50 p-3 text-amber-900">Indicación: {week.selection.indication}</p>}
      </div>
      <WeekNav prevHref={prevWeek} nextHref={nextWeek} />
      {week.professionals.length === 0 && (
        <p className="rounded-lg bg-white p-4 shadow-sm">No hay profesionales con turnos por internet para esta opción.</p>
      )}
      <ul className="space-y-4">
        {week.professionals.map((pro) => {
          const free = pro.slots.filter((s) => s.free);
          const byDay = [...new Set(free.map((s) => s.date))];
          return (
            <li key={pro.id} className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
              <h2 className="text-lg font-semibold">{pro.name}</h2>
              {free.length === 0 ? (
                <p className="text-slate-600">No tiene horarios libres esta semana.</p>
              ) : (
                <dl className="space-y-1 text-sm">
                  {byDay.map((date) => (
                    <div key={date} className="flex flex-wrap gap-x-2">
                      <dt className="font-semibold">{dayHeading(date)}:</dt>
                      <dd>
                        {free
                          .filter((s) => s.date === date)
                          .map((s) => s.time)
                          .join(' · ')}
                      </dd>
                    </div>
                  ))}
                </dl>
              )}
              <div className="flex flex-wrap gap-2">
                <Link
                  href={bookingHref(`/tomar-turno/agenda/${pro.id}`, { ...keep, desde: week.fromDate })}
                  className="inline-flex min-h-12 items-center rounded-lg bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800"
                >
                  Otorgar Turno con este Profesional
                </Link>
                <Link
                  href={nextWeek}
                  className="inline-flex min-h-12 items-center rounded-lg border-2 border-brand-700 px-4 font-semibold text-brand-700 hover:bg-brand-50"
                >
                  Ver Horarios Libres Semana Siguiente
                </Link>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
