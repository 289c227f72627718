import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { AppointmentSummary, BookingMessages } from '@/components/portal/appointment-summary';
import { getOwnAppointment } from '@/lib/appointments/patient-appointment';
import { logout } from '@/lib/auth/actions';
import { requirePatient } from '@/lib/auth/session';
import { getRequestCenterSettings } from '@/lib/settings/queries';
import { withDatabase } from '@/lib/server/unavailable';

export const metadata: Metadata = { title: 'Turno Insertado' };

const button = 'flex min-h-12 items-center justify-center rounded-lg px-4 text-center font-semibold';

async function BookedPage({ params }: { params: Promise<{ id: string }> }) {
  const patient = await requirePatient();
  const db = getDb();
  const [details, settings] = await Promise.all([getOwnAppointment(db, patient.patientId, (await params).id), getRequestCenterSettings()]);
  if (!details) notFound();
  return (
    <section role="dialog" aria-labelledby="booked-title" className="space-y-4 rounded-xl bg-white p-5 shadow-md">
      <h1 id="booked-title" className="text-2xl font-bold text-green-800">
        Turno Insertado
      </h1>
      <p>Su turno quedó reservado. Le enviamos un mail con los datos{details.patient.email ? ` a ${details.patient.email}` : ''}.</p>
      <AppointmentSummary details={details} timeZone={settings.timeZone} />
      <BookingMessages details={details} />
      {settings.mailPhrase && <p className="font-semibold">{settings.mailPhrase}</p>}
      <div className="grid gap-2 sm:grid-cols-2">
        <Link href={`/mis-turnos/${details.appointment.id}/imprimir`} className={`${button} bg-brand-700 text-white hover:bg-brand-800`}>
          Imprimir Detalle del Turno
        </Link>
        <Link href="/tomar-turno" className={`${button} border-2 border-brand-700 text-brand-700 hover:bg-brand-50`}>
          Tomar Nuevo Turno
        </Link>
        <Link href="/mis-turnos" className={`${button} border-2 border-brand-700 text-brand-700 hover:bg-brand-50`}>
          Ver Mis Turnos
        </Link>
        <form action={logout}>
          <button type="submit" className={`${button} w-full border-2 border-slate-400 text-slate-800 hover:bg-slate-100`}>
            Finalizar (desloguea)
          </button>
        </form>
      </div>
    </section>
  );
}

export default withDatabase(BookedPage, '/mis-turnos');
