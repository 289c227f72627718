'use client';

import Link from 'next/link';
import type { LinkState } from '@/lib/accounts/actions';
import { activationSchema } from '@/lib/accounts/schemas';
import { FormError, SubmitButton, SuccessPanel, TextField } from './fields';
import { LinkProblem, NEW_LINK } from './link-problem';
import { useAccountForm } from './use-account-form';


/** "Activar mi usuario": the password chosen at registration, then the patient is signed in. */
export function ActivationForm({ action }: { action: (prev: LinkState, formData: FormData) => Promise<LinkState> }) {
  const { state, formAction, pending, formRef, form, onSubmit, errorOf } = useAccountForm<{ password: string }, LinkState>(
    activationSchema,
    action,
    {},
    { password: '' },
  );
  if (state.linkState) return <LinkProblem state={state.linkState} newLink={NEW_LINK.activation} />;
  if (state.ok) {
    // Activated, but the sign-in itself was refused (web switched off, user disabled).
    return (
      <SuccessPanel title={state.message ?? 'Su usuario quedó activado.'}>
        {state.error && <p>{state.error}</p>}
        <Link href="/ingresar" className="inline-block py-2 font-semibold text-brand-700 underline">
          Ingresar
        </Link>
      </SuccessPanel>
    );
  }
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-5 rounded-lg bg-white p-5 shadow-sm">
      <FormError message={state.error} />
      <TextField
        id="password"
        label="Contraseña"
        hint="La contraseña que eligió al registrarse. Así sabemos que es usted quien pidió el usuario."
        type="password"
        autoComplete="current-password"
        error={errorOf('password')}
        registration={form.register('password')}
      />
      <SubmitButton pending={pending} label="Activar mi usuario" pendingLabel="Activando…" />
      <p className="text-slate-700">
        ¿No recuerda la contraseña que eligió?{' '}
        <Link href="/registrarse" className="inline-block py-2 font-semibold text-brand-700 underline">
          Vuelva a registrarse
        </Link>{' '}
        con su DNI y le enviaremos un enlace nuevo.
      </p>
    </form>
  );
}
