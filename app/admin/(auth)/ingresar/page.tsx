import type { Metadata } from 'next';
import { LoginForm } from '@/components/auth/login-form';
import { getDb } from '@/db/client';
import { IDLE_REASON, idleMessage, PASSWORD_CHANGED_MESSAGE, PASSWORD_CHANGED_REASON, safeReturnPath } from '@/lib/auth/session-claims';
import { getCenterSettings } from '@/lib/settings/queries';

export const metadata: Metadata = { title: 'Ingreso del personal' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function StaffLoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const reason = typeof params.motivo === 'string' ? params.motivo : undefined;
  const returnTo = safeReturnPath('staff', params.desde) ?? undefined;
  const notice =
    reason === IDLE_REASON
      ? idleMessage((await getCenterSettings(getDb())).staffIdleMinutes)
      : reason === 'desactivado'
        ? 'Su usuario está desactivado. Consulte con un administrador del sistema.'
        : reason === PASSWORD_CHANGED_REASON
          ? PASSWORD_CHANGED_MESSAGE
          : null;

  return (
    <div className="mx-auto w-full max-w-md space-y-5 px-4 py-8">
      <h1 className="text-2xl font-bold text-brand-800">Ingreso del personal</h1>
      {notice && (
        <p role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-lg text-amber-900">
          {notice}
        </p>
      )}
      <div className="rounded-lg bg-white p-5 shadow-sm">
        <LoginForm kind="staff" returnTo={returnTo} />
      </div>
    </div>
  );
}
