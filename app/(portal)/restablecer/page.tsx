import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { LinkProblem, NEW_LINK } from '@/components/accounts/link-problem';
import { ResetPasswordForm } from '@/components/accounts/reset-password-form';
import { resetPasswordAction } from '@/lib/accounts/actions';
import { describeResetLink } from '@/lib/accounts/password-reset';

export const metadata: Metadata = { title: 'Elegir una nueva contraseña', referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const { token } = await searchParams;
  const value = typeof token === 'string' ? token : '';
  const link = await describeResetLink(getDb(), value);
  return (
    <div className="mx-auto max-w-md space-y-5">
      <h1 className="text-2xl font-bold text-brand-800">Elegir una nueva contraseña</h1>
      {link.state === 'valid' ? (
        <>
          <p className="text-lg">
            Usuario web de <strong>{link.patientName}</strong>.
          </p>
          <ResetPasswordForm action={resetPasswordAction.bind(null, value)} />
        </>
      ) : (
        <LinkProblem state={link.state} newLink={NEW_LINK.passwordReset} />
      )}
    </div>
  );
}
