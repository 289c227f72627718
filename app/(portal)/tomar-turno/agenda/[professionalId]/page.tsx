import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { MessageDialog } from '@/components/portal/message-dialog';
import { WebClosedNotice } from '@/components/portal/web-closed-notice';
import { GridLegend, WeekGrid } from '@/components/portal/week-grid';
import { WeekNav } from '@/components/portal/week-nav';
import { requirePatient } from '@/lib/auth/session';
import { listProfessionalsFor } from '@/lib/availability/queries';
import { addDaysToDate } from '@/lib/availability/slots';
import { hasAcknowledged } from '@/lib/booking/acknowledgement';
import { acknowledgeProfessionalMessage } from '@/lib/booking/actions';
import { SLOT_TAKEN_MESSAGE } from '@/lib/booking/errors';
import { bookingHref, parseBookingParams } from '@/lib/booking/params';
import { loadPortalWeek } from '@/lib/booking/portal-week';
import { listWebProfessionals } from '@/lib/catalog/queries';
import { getRequestCenterSettings } from '@/lib/settings/queries';
import { formatLocalDate, slotLabel } from '@/lib/time/labels';
import { parseId } from '@/lib/validation/record-id';
import { withDatabase } from '@/lib/server/unavailable';

export const metadata: Metadata = { title: 'Agenda del Profesional' };

type Props = {
  params: Promise<{ professionalId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function ProfessionalAgendaPage({ params, searchParams }: Props) {
  const professionalId = parseId((await params).professionalId);
  const search = await searchParams;
  const query = parseBookingParams(search);
  const db = getDb();
  // One round: the session check, the settings and the professional do not wait for each other.
  const [patient, settings, [pro]] = await Promise.all([
    requirePatient(),
    getRequestCenterSettings(),
    professionalId !== null ? listProfessionalsFor(db, { professionalIds: [professionalId] }, true) : [],
  ]);
  if (!settings.webEnabled) return <WebClosedNotice phones={settings.contactPhones} />;
  if (!pro) {
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-bold text-brand-800">Profesional no disponible</h1>
        <p>Este profesional no tiene turnos por internet.</p>
        <Link href="/tomar-turno" className="text-brand-700 underline">Volver a Tomar Turno</Link>
      </div>
    );
  }

  // In specialty / study mode the turno is for one of them: pick it when the professional has several.
  const studyMode = settings.selectionMode === 'study';
  const chosen = studyMode ? query.estudio : query.especialidad;
  if (!chosen) {
    const option = (await listWebProfessionals(db)).find((p) => p.id === pro.id);
    const choices = (studyMode ? option?.studies : option?.specialties) ?? [];
    if (choices.length !== 1) {
      return (
        <div className="space-y-4">
          <h1 className="text-2xl font-bold text-brand-800">{pro.name}</h1>
          <p>{studyMode ? '¿Qué estudio se va a realizar?' : '¿Para qué especialidad es el turno?'}</p>
          <ul className="space-y-2">
            {choices.map((c) => (
              <li key={c.id}>
                <Link
                  href={bookingHref(`/tomar-turno/agenda/${pro.id}`, { ...query, [studyMode ? 'estudio' : 'especialidad']: c.id })}
                  className="block min-h-12 rounded-lg bg-white p-3 font-semibold shadow-sm hover:bg-brand-50"
                >
                  {c.name}
                </Link>
              </li>
            ))}
          </ul>
          {choices.length === 0 && <p>Este profesional no tiene turnos por internet.</p>}
        </div>
      );
    }
    query[studyMode ? 'estudio' : 'especialidad'] = choices[0].id;
  }

  const here = bookingHref(`/tomar-turno/agenda/${pro.id}`, query);
  if (!(await hasAcknowledged(patient.patientId, pro.id, pro.generalMessage))) {
    return <MessageDialog title={`Mensaje de ${pro.name}`} message={pro.generalMessage} action={acknowledgeProfessionalMessage.bind(null, pro.id, here)} />;
  }

  const week = await loadPortalWeek(db, settings, query, pro.id);
  const mine = week.professionals[0];
  const keep = { especialidad: query.especialidad, estudio: query.estudio, cambiar: query.cambiar };
  const nextWeek = bookingHref(`/tomar-turno/agenda/${pro.id}`, { ...keep, desde: addDaysToDate(week.fromDate, 7) });
  const prevWeek =
    week.fromDate > week.today ? bookingHref(`/tomar-turno/agenda/${pro.id}`, { ...keep, desde: addDaysToDate(week.fromDate, -7) }) : null;
  const slotTaken = search.aviso === 'tomado';
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{pro.name}</h1>
        <p className="text-slate-700">
          {week.selection?.name} · semana del {formatLocalDate(week.fromDate)} al {formatLocalDate(week.toDate)}
        </p>
      </div>
      {slotTaken && (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 font-semibold text-red-900">
          {SLOT_TAKEN_MESSAGE}
        </p>
      )}
      {mine?.firstFree ? (
        <p role="status" className="rounded-lg bg-green-50 p-3 text-green-900">
          Primer turno disponible: <strong>{slotLabel(mine.firstFree.date, mine.firstFree.time)} hs</strong>
        </p>
      ) : (
        <p role="status" className="rounded-lg bg-amber-50 p-3 text-amber-900">
          No hay horarios libres esta semana. Oprima <strong>Ver Horarios Libres Semana Siguiente</strong>.
        </p>
      )}
      <WeekNav prevHref={prevWeek} nextHref={nextWeek} />
      <GridLegend />
      <WeekGrid
        fromDate={week.fromDate}
        toDate={week.toDate}
        slots={mine?.slots ?? []}
        closedDays={mine?.closedDays ?? []}
        firstFree={mine?.firstFree ?? null}
        hrefFor={(slot) =>
          bookingHref('/tomar-turno/confirmar', { ...keep, profesional: pro.id, inicio: slot.startsAt.toISOString() })
        }
      />
    </div>
  );
}

export default withDatabase(ProfessionalAgendaPage, '/tomar-turno');
