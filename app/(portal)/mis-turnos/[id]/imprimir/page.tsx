import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { AppointmentSummary, BookingMessages } from '@/components/portal/appointment-summary';
import { PrintButton } from '@/components/portal/print-button';
import { getOwnAppointment } from '@/lib/appointments/patient-appointment';
import { requirePatient } from '@/lib/auth/session';
import { getRequestCenterSettings } from '@/lib/settings/queries';

export const metadata: Metadata = { title: 'Recordatorio de Turno' };

/** "RECORDATORIO DE TURNO": a print-friendly page (the portal's header and menu hide when printing). */
export default async function PrintPage({ params }: { params: Promise<{ id: string }> }) {
  const patient = await requirePatient();
  const db = getDb();
  const [details, settings] = await Promise.all([getOwnAppointment(db, patient.patientId, (await params).id), getRequestCenterSettings()]);
  if (!details) notFound();
  return (
    <article className="space-y-4 rounded-lg bg-white p-6 shadow-sm print:shadow-none">
      <header className="border-b border-slate-300 pb-3">
        <p className="text-xl font-bold">{settings.centerName}</p>
        <h1 className="text-lg font-semibold">Recordatorio de Turno</h1>
      </header>
      <AppointmentSummary details={details} timeZone={settings.timeZone} showStatus />
      <BookingMessages details={details} />
      {settings.mailPhrase && <p className="font-semibold">{settings.mailPhrase}</p>}
      <footer className="border-t border-slate-300 pt-3 text-sm">
        {settings.contactPhones && <p>Teléfono: {settings.contactPhones}</p>}
        {settings.contactHours && <p>Horario de Contacto: {settings.contactHours}</p>}
        {settings.contactEmail && <p>E-Mail: {settings.contactEmail}</p>}
        {settings.webAddress && <p>{settings.webAddress}</p>}
      </footer>
      <div className="flex gap-3 print:hidden">
        <PrintButton />
        <Link href="/mis-turnos" className="inline-flex min-h-12 items-center text-brand-700 underline">
          Volver a Mis Turnos
        </Link>
      </div>
    </article>
  );
}
