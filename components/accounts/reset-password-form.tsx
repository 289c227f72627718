'use client';

import Link from 'next/link';
import type { LinkState } from '@/lib/accounts/actions';
import { PASSWORD_MIN, resetPasswordSchema } from '@/lib/accounts/schemas';
import { FormError, SubmitButton, SuccessPanel, TextField } from './fields';
import { LinkProblem, NEW_LINK } from './link-problem';
import { useAccountForm } from './use-account-form';


export function ResetPasswordForm({ action }: { action: (prev: LinkState, formData: FormData) => Promise<LinkState> }) {
  const { state, formAction, pending, formRef, form, onSubmit, errorOf } = useAccountForm<
    { password: string; passwordConfirm: string },
    LinkState
  >(resetPasswordSchema, action, {}, { password: '', passwordConfirm: '' });
  if (state.linkState) return <LinkProblem state={state.linkState} newLink={NEW_LINK.passwordReset} />;
  if (state.ok) {
    return (
      <SuccessPanel title={state.message ?? 'Su contraseña fue cambiada.'}>
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
        label="Nueva contraseña"
        hint={`Al menos ${PASSWORD_MIN} caracteres.`}
        type="password"
        autoComplete="new-password"
        error={errorOf('password')}
        registration={form.register('password')}
      />
      <TextField
        id="passwordConfirm"
        label="Repita la nueva contraseña"
        type="password"
        autoComplete="new-password"
        error={errorOf('passwordConfirm')}
        registration={form.register('passwordConfirm')}
      />
      <SubmitButton pending={pending} label="Guardar la nueva contraseña" pendingLabel="Guardando…" />
    </form>
  );
}
