import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { ActivationForm } from '@/components/accounts/activation-form';
import { LinkProblem, NEW_LINK } from '@/components/accounts/link-problem';
import { activateAction } from '@/lib/accounts/actions';
import { describeActivationLink } from '@/lib/accounts/activation';
import { formatDni } from '@/lib/patients/schemas';

// The token is in the address: never pass it on to another site in a Referer header.
export const metadata: Metadata = { title: 'Activar mi usuario', referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The link of the activation mail. Opening it changes nothing; the button does. */
export default async function ActivatePage({ searchParams }: { searchParams: SearchParams }) {
  const { token } = await searchParams;
  const value = typeof token === 'string' ? token : '';
  const link = await describeActivationLink(getDb(), value);
  return (
    <div className="mx-auto max-w-md space-y-5">
      <h1 className="text-2xl font-bold text-brand-800">Activar mi usuario</h1>
      {link.state === 'valid' ? (
        <>
          <p className="text-lg">
            Usuario web de <strong>{link.patientName}</strong>, DNI {formatDni(link.dni)}.
          </p>
          <p className="text-slate-700">Para terminar, escriba la contraseña que eligió al registrarse y oprima «Activar mi usuario».</p>
          <ActivationForm action={activateAction.bind(null, value)} />
        </>
      ) : (
        <LinkProblem state={link.state} newLink={NEW_LINK.activation} />
      )}
    </div>
  );
}
