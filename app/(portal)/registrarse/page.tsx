import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { RegistrationForm } from '@/components/accounts/registration-form';
import { WebClosedNotice } from '@/components/portal/web-closed-notice';
import { antiSpamSecret, createChallenge } from '@/lib/accounts/challenge';
import { listWebInsurers } from '@/lib/catalog/queries';
import { getRequestCenterSettings } from '@/lib/settings/queries';

export const metadata: Metadata = { title: 'Registrarse' };
// A new anti-spam question for every visit.
export const dynamic = 'force-dynamic';

export default async function RegisterPage() {
  const db = getDb();
  const center = await getRequestCenterSettings();
  return (
    <div className="mx-auto max-w-xl space-y-5">
      <h1 className="text-2xl font-bold text-brand-800">Registrarse</h1>
      {!center.webEnabled ? (
        <WebClosedNotice phones={center.contactPhones} />
      ) : (
        <>
          <p className="text-lg text-slate-700">
            Si es paciente de {center.centerName} pero nunca generó su usuario web, o nunca se atendió con nosotros, complete
            estos pasos para elegir su contraseña. Después ingresará con su DNI.
          </p>
          <RegistrationForm
            challenge={createChallenge(antiSpamSecret())}
            insurers={(await listWebInsurers(db)).map(({ id, name }) => ({ id, name }))}
            contactPhones={center.contactPhones}
          />
          <p className="text-slate-700">
            ¿Ya tiene usuario?{' '}
            <Link href="/ingresar" className="inline-block py-2 font-semibold text-brand-700 underline">
              Ingresar
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
