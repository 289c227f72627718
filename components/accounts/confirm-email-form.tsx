'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { LinkState } from '@/lib/accounts/actions';
import { SubmitButton, SuccessPanel } from './fields';
import { LinkProblem, NEW_LINK } from './link-problem';


/** A button, not the GET itself: mail scanners that open links must not confirm anything. */
export function ConfirmEmailForm({ action }: { action: (prev: LinkState) => Promise<LinkState> }) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.linkState) return <LinkProblem state={state.linkState} newLink={NEW_LINK.emailChange} />;
  if (state.ok) {
    return (
      <SuccessPanel title="Su e-mail fue cambiado">
        <p>{state.message}</p>
        <Link href="/mis-datos" className="inline-block py-2 font-semibold text-brand-700 underline">
          Ir a Mis Datos
        </Link>
      </SuccessPanel>
    );
  }
  return (
    <form action={formAction}>
      <SubmitButton pending={pending} label="Confirmar mi e-mail" pendingLabel="Confirmando…" />
    </form>
  );
}
