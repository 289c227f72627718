import type { Metadata } from 'next';
import { LoginForm } from '@/components/auth/login-form';
import { IDLE_REASON, idleMessage, PASSWORD_CHANGED_MESSAGE, PASSWORD_CHANGED_REASON, safeReturnPath } from '@/lib/auth/session-claims';
import { getRequestCenterSettings } from '@/lib/settings/queries';

export const metadata: Metadata = { title: 'Ingresar' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PatientLoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const reason = typeof params.motivo === 'string' ? params.motivo : undefined;
  const returnTo = safeReturnPath('patient', params.desde) ?? undefined;
  const notice =
    reason === IDLE_REASON
      ? idleMessage((await getRequestCenterSettings()).patientIdleMinutes)
      : reason === 'deshabilitado'
        ? 'Su usuario está deshabilitado para tomar turnos web.'
        : reason === PASSWORD_CHANGED_REASON
          ? PASSWORD_CHANGED_MESSAGE
          : null;

  return (
    <div className="mx-auto max-w-md space-y-5">
      <h1 className="text-2xl font-bold text-brand-800">Ingresar</h1>
      {notice && (
        <p role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-lg text-amber-900">
          {notice}
        </p>
      )}
      <p className="text-slate-700">Complete su DNI y la contraseña que eligió al registrarse.</p>
      <div className="rounded-lg bg-white p-5 shadow-sm">
        <LoginForm kind="patient" returnTo={returnTo} />
      </div>
    </div>
  );
}
