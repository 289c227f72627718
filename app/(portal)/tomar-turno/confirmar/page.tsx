import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { ConfirmBookingForm } from '@/components/portal/confirm-booking-form';
import { WebClosedNotice } from '@/components/portal/web-closed-notice';
import { requirePatient } from '@/lib/auth/session';
import { listProfessionalsFor, localToday } from '@/lib/availability/queries';
import { findOfferedSlot } from '@/lib/availability/slots';
import { hasAcknowledged } from '@/lib/booking/acknowledgement';
import { confirmWebBooking } from '@/lib/booking/actions';
import { bookingHref, parseBookingParams } from '@/lib/booking/params';
import { loadPortalWeek } from '@/lib/booking/portal-week';
import { listWebInsurers } from '@/lib/catalog/queries';
import { getOwnAppointment } from '@/lib/appointments/patient-appointment';
import { getPatientProfile } from '@/lib/patients/queries';
import { getRequestCenterSettings } from '@/lib/settings/queries';
import { slotLabel } from '@/lib/time/labels';
import { parseId } from '@/lib/validation/record-id';
import { withDatabase } from '@/lib/server/unavailable';

export const metadata: Metadata = { title: 'Confirmar Turno' };

async function ConfirmPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const patient = await requirePatient();
  const search = await searchParams;
  const params = parseBookingParams(search);
  const professionalId = parseId(search.profesional);
  const startsAt = new Date(String(search.inicio ?? ''));
  if (professionalId === null || Number.isNaN(startsAt.getTime())) redirect('/tomar-turno');
  const db = getDb();
  const settings = await getRequestCenterSettings();
  if (!settings.webEnabled) return <WebClosedNotice phones={settings.contactPhones} />;
  const agenda = bookingHref(`/tomar-turno/agenda/${professionalId}`, {
    especialidad: params.especialidad,
    estudio: params.estudio,
    cambiar: params.cambiar,
  });
  const [pro] = await listProfessionalsFor(db, { professionalIds: [professionalId] }, true);
  if (!pro || !(await hasAcknowledged(patient.patientId, pro.id, pro.generalMessage))) redirect(agenda);

  // Re-check the slot now: if it went in the meantime, back to fresh availability.
  const date = localToday(startsAt, settings.timeZone);
  const week = await loadPortalWeek(db, settings, { ...params, desde: date }, pro.id);
  const slot = findOfferedSlot(week.professionals[0]?.slots ?? [], pro.id, startsAt);
  if (!slot?.free || !week.selection) redirect(`${agenda}${agenda.includes('?') ? '&' : '?'}aviso=tomado&desde=${date}`);

  const [profile, insurers, moving] = await Promise.all([
    getPatientProfile(db, patient.patientId),
    listWebInsurers(db),
    params.cambiar ? getOwnAppointment(db, patient.patientId, String(params.cambiar)) : null,
  ]);
  // Moving a turno keeps its insurer and reason unless the patient changes them.
  const preferred = moving?.appointment.insurerId ?? profile?.insurerId;
  const defaultInsurer = insurers.some((i) => i.id === preferred) ? preferred! : null;
  const action = confirmWebBooking.bind(null, {
    professionalId: pro.id,
    startsAt: slot.startsAt.toISOString(),
    specialtyId: week.selection.kind === 'specialty' ? week.selection.id : undefined,
    studyId: week.selection.kind === 'study' ? week.selection.id : undefined,
    rescheduleFromId: params.cambiar,
  });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">Confirmar Turno</h1>
      {params.cambiar && (
        <p className="rounded-lg bg-brand-50 p-3 text-brand-800">Al confirmar, su turno anterior queda cancelado y se reemplaza por este.</p>
      )}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg bg-white p-4 shadow-sm">
        <dt className="font-semibold">Paciente</dt>
        <dd>{patient.name}</dd>
        <dt className="font-semibold">Día y hora</dt>
        <dd>{slotLabel(slot.date, slot.time)} hs</dd>
        <dt className="font-semibold">Profesional</dt>
        <dd>{pro.name}</dd>
        <dt className="font-semibold">{week.selection.kind === 'study' ? 'Estudio' : 'Especialidad'}</dt>
        <dd>{week.selection.name}</dd>
      </dl>
      <ConfirmBookingForm
        action={action}
        insurers={insurers}
        defaultInsurerId={defaultInsurer}
        defaultReason={moving?.appointment.reason ?? ''}
        requireReason={settings.requireReason}
      />
      <Link href={agenda} className="inline-block text-brand-700 underline">
        Elegir otro horario
      </Link>
    </div>
  );
}

export default withDatabase(ConfirmPage, '/tomar-turno');
