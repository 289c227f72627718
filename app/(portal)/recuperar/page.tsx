import type { Metadata } from 'next';
import Link from 'next/link';
import { ForgotPasswordForm } from '@/components/accounts/forgot-password-form';
import { antiSpamSecret, createChallenge } from '@/lib/accounts/challenge';
import { getRequestCenterSettings } from '@/lib/settings/queries';

export const metadata: Metadata = { title: '¿Olvidó su contraseña?' };
export const dynamic = 'force-dynamic';

export default async function ForgotPasswordPage() {
  const center = await getRequestCenterSettings();
  return (
    <div className="mx-auto max-w-md space-y-5">
      <h1 className="text-2xl font-bold text-brand-800">¿Olvidó su contraseña?</h1>
      <p className="text-lg text-slate-700">
        Ingrese su DNI. Le enviaremos un mail con un enlace para elegir una nueva contraseña.
      </p>
      <ForgotPasswordForm challenge={createChallenge(antiSpamSecret())} contactPhones={center.contactPhones} />
      <p className="text-slate-700">
        <Link href="/ingresar" className="inline-block py-2 font-semibold text-brand-700 underline">
          Volver a Ingresar
        </Link>
      </p>
    </div>
  );
}
