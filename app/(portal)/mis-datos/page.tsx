import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { ChangeEmailForm, ChangePasswordForm, MyContactForm } from '@/components/accounts/my-data-forms';
import { getMyData } from '@/lib/accounts/queries';
import { requirePatient } from '@/lib/auth/session';
import { formatDni } from '@/lib/patients/schemas';
import { getRequestCenterSettings } from '@/lib/settings/queries';

export const metadata: Metadata = { title: 'Mis Datos' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** "1983-04-12" → "12/04/1983" */
function dayMonthYear(date: string | null): string {
  if (!date) return 'sin cargar';
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** MIS DATOS: "para ver o modificar sus propios datos (incluyendo mail y contraseña)". */
export default async function MyDataPage({ searchParams }: { searchParams: SearchParams }) {
  const patient = await requirePatient();
  const db = getDb();
  const [data, center, params] = await Promise.all([getMyData(db, patient.patientId), getRequestCenterSettings(), searchParams]);
  if (!data) throw new Error(`patient ${patient.patientId} not found`);
  const { profile } = data;
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold text-brand-800">Mis Datos</h1>
      {params.bienvenida === '1' && (
        <p role="status" className="rounded-lg border border-green-300 bg-green-50 p-4 text-lg text-green-950">
          ¡Bienvenido! Su usuario quedó activado. Revise que sus datos estén bien; ya puede tomar turnos.
        </p>
      )}
      <section aria-labelledby="personales" className="space-y-2 rounded-lg bg-white p-5 shadow-sm">
        <h2 id="personales" className="text-xl font-semibold">
          Datos personales
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-lg">
          <dt className="font-medium">DNI</dt>
          <dd>{formatDni(profile.dni)}</dd>
          <dt className="font-medium">Apellido y nombre</dt>
          <dd>
            {profile.lastName} {profile.firstName}
          </dd>
          <dt className="font-medium">Fecha de nacimiento</dt>
          <dd>{dayMonthYear(profile.birthDate)}</dd>
        </dl>
        <p className="text-slate-700">
          Para corregir su DNI, su nombre o su fecha de nacimiento, comuníquese con el centro
          {center.contactPhones ? ` al ${center.contactPhones}` : ''}.
        </p>
      </section>
      <MyContactForm
        insurers={data.insurers}
        initial={{
          mobile: profile.mobile,
          phone: profile.phone,
          address: profile.address,
          insurerId: profile.insurerId ? String(profile.insurerId) : '',
          memberNumber: profile.memberNumber,
          remindersOptIn: profile.remindersOptIn,
        }}
      />
      <ChangeEmailForm currentEmail={profile.email} pendingEmail={data.pendingEmail} />
      <ChangePasswordForm />
    </div>
  );
}
