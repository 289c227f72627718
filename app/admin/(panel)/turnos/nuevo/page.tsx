import type { Metadata } from 'next';
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { insurers, professionalSpecialties, professionalStudies, specialties, studies } from '@/db/schema';
import { StaffBookingForm } from '@/components/admin/staff-booking-form';
import { loadStaffAgenda } from '@/lib/appointments/staff-agenda';
import { staffBook, staffCreatePatient, staffSearchPatients } from '@/lib/appointments/staff-actions';
import { requireStaff } from '@/lib/auth/session';
import { localToday } from '@/lib/availability/queries';
import { getCenterSettings } from '@/lib/settings/queries';
import { formatTime } from '@/lib/time/format';
import { dayHeading } from '@/lib/time/labels';
import { parseId } from '@/lib/validation/record-id';

export const metadata: Metadata = { title: 'Dar turno' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function StaffNewAppointmentPage({ searchParams }: { searchParams: Search }) {
  await requireStaff();
  const search = await searchParams;
  const professionalId = parseId(search.profesional);
  const startsAt = new Date(String(search.inicio ?? ''));
  const db = getDb();
  const settings = await getCenterSettings(db);
  const tz = settings.timeZone;
  if (professionalId === null || Number.isNaN(startsAt.getTime())) {
    return <main className="mx-auto max-w-3xl px-4 py-6">Elija un horario desde la Pantalla de Turnos.</main>;
  }
  const date = localToday(startsAt, tz);
  const [agenda, specs, studs, ins] = await Promise.all([
    loadStaffAgenda(db, { professionalId, fromDate: date, toDate: date, timeZone: tz, now: new Date() }),
    db
      .select({ id: specialties.id, name: specialties.name })
      .from(specialties)
      .innerJoin(professionalSpecialties, eq(professionalSpecialties.specialtyId, specialties.id))
      .where(and(eq(professionalSpecialties.professionalId, professionalId), eq(specialties.active, true)))
      .orderBy(asc(specialties.name)),
    db
      .select({ id: studies.id, name: studies.name })
      .from(studies)
      .innerJoin(professionalStudies, eq(professionalStudies.studyId, studies.id))
      .where(and(eq(professionalStudies.professionalId, professionalId), eq(studies.active, true)))
      .orderBy(asc(studies.name)),
    db.select({ id: insurers.id, name: insurers.name }).from(insurers).where(eq(insurers.active, true)).orderBy(asc(insurers.name)),
  ]);
  if (!agenda) return <main className="mx-auto max-w-3xl px-4 py-6">Ese profesional no existe.</main>;
  const row = agenda.rows.find((r) => r.startsAt.getTime() === startsAt.getTime());
  const taken = !!row?.appointments.some((a) => a.status !== 'cancelled');
  const back = `/admin/turnos?profesional=${professionalId}&fecha=${date}`;
  return (
    <main className="mx-auto max-w-3xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-bold text-brand-800">{taken ? 'Dar sobreturno' : 'Dar turno'}</h1>
      <p className="text-lg">
        {agenda.professional} · {dayHeading(date)} · {formatTime(startsAt, tz)} hs
      </p>
      {!row?.slot && <p className="rounded-lg bg-amber-50 p-3 text-amber-900">Ese horario no está en la agenda: solo puede darse como sobreturno.</p>}
      {taken && <p className="rounded-lg bg-amber-50 p-3 text-amber-900">El horario ya está ocupado: se dará como sobreturno.</p>}
      <StaffBookingForm
        professionalId={professionalId}
        startsAt={startsAt.toISOString()}
        slotTaken={taken || !row?.slot}
        specialties={specs}
        studies={studs}
        insurers={ins}
        backHref={back}
        book={staffBook}
        search={staffSearchPatients}
        createPatient={staffCreatePatient}
      />
    </main>
  );
}
