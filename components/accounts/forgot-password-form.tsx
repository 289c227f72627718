'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { forgotPasswordAction, type ForgotPasswordState } from '@/lib/accounts/actions';
import type { Challenge } from '@/lib/accounts/challenge';
import { forgotPasswordSchema } from '@/lib/accounts/schemas';
import { FormError, SubmitButton, SuccessPanel, TextField } from './fields';
import { useAccountForm } from './use-account-form';

/** ¿Olvidó su contraseña?: DNI + the sum; the answer is the same for every DNI. */
export function ForgotPasswordForm({ challenge, contactPhones }: { challenge: Challenge; contactPhones: string }) {
  const { state, formAction, pending, formRef, form, onSubmit, errorOf } = useAccountForm<
    { dni: string; answer: string },
    ForgotPasswordState
  >(forgotPasswordSchema, forgotPasswordAction, { challenge }, { dni: '', answer: '' });

  // Every refused answer brings a new question; the old answer means nothing for it.
  useEffect(() => {
    if (state.error) form.setValue('answer', '');
  }, [state, form]);

  if (state.ok) {
    return (
      <SuccessPanel title="Revise su correo">
        <p>
          Si ese DNI tiene un usuario web activado, le enviamos un mail al e-mail registrado con un enlace para elegir una nueva
          contraseña. El enlace vence en 1 hora y sirve una sola vez.
        </p>
        <p>
          Si todavía no activó su usuario,{' '}
          <Link href="/registrarse" className="font-semibold text-brand-700 underline">
            vuelva a registrarse
          </Link>
          .
        </p>
        <p>
          Si no recibe el mail o ya no usa ese e-mail, comuníquese con el centro{contactPhones ? ` al ${contactPhones}` : ''}.
        </p>
      </SuccessPanel>
    );
  }
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-5 rounded-lg bg-white p-5 shadow-sm">
      <FormError message={state.error} />
      <input type="hidden" name="challenge" value={state.challenge.token} />
      <TextField
        id="dni"
        label="DNI"
        hint="Su número de documento, con o sin puntos."
        inputMode="numeric"
        autoComplete="username"
        error={errorOf('dni')}
        registration={form.register('dni')}
      />
      <TextField
        id="answer"
        label={state.challenge.question}
        hint="Prueba anti-spam: escriba el resultado de la cuenta, con números."
        inputMode="numeric"
        autoComplete="off"
        error={errorOf('answer')}
        registration={form.register('answer')}
      />
      <SubmitButton pending={pending} label="Enviar" pendingLabel="Enviando…" />
    </form>
  );
}
