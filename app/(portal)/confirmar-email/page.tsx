import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { ConfirmEmailForm } from '@/components/accounts/confirm-email-form';
import { LinkProblem, NEW_LINK } from '@/components/accounts/link-problem';
import { confirmEmailAction } from '@/lib/accounts/actions';
import { describeEmailChangeLink } from '@/lib/accounts/email-change';

export const metadata: Metadata = { title: 'Confirmar mi e-mail', referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ConfirmEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const { token } = await searchParams;
  const value = typeof token === 'string' ? token : '';
  const link = await describeEmailChangeLink(getDb(), value);
  return (
    <div className="mx-auto max-w-md space-y-5">
      <h1 className="text-2xl font-bold text-brand-800">Confirmar mi e-mail</h1>
      {link.state === 'valid' ? (
        <>
          <p className="text-lg">
            Nuevo e-mail: <strong>{link.newEmail}</strong>
          </p>
          <ConfirmEmailForm action={confirmEmailAction.bind(null, value)} />
        </>
      ) : (
        <LinkProblem state={link.state} newLink={NEW_LINK.emailChange} />
      )}
    </div>
  );
}
