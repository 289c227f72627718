'use client';

import { useEffect } from 'react';
import { changeMyPasswordAction, requestEmailChangeAction, updateMyContactAction } from '@/lib/accounts/actions';
import { changeEmailSchema, changePasswordSchema, myContactSchema, PASSWORD_MIN, type AccountFormState } from '@/lib/accounts/schemas';
import { CheckboxField, FormError, SavedNote, SelectField, SubmitButton, TextField } from './fields';
import { useAccountForm } from './use-account-form';

const formClass = 'space-y-5 rounded-lg bg-white p-5 shadow-sm';

export interface MyContactValues {
  mobile: string;
  phone: string;
  address: string;
  insurerId: string;
  memberNumber: string;
  remindersOptIn: boolean;
}

export function MyContactForm({ initial, insurers }: { initial: MyContactValues; insurers: Array<{ id: number; name: string }> }) {
  const { state, formAction, pending, formRef, form, onSubmit, errorOf } = useAccountForm<MyContactValues, AccountFormState>(
    myContactSchema,
    updateMyContactAction,
    {},
    initial,
  );
  const { register } = form;
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate aria-labelledby="contacto" className={formClass}>
      <h2 id="contacto" className="text-xl font-semibold">
        Datos de contacto y obra social
      </h2>
      <FormError message={state.error} />
      <TextField
        id="mobile"
        label="Celular"
        hint="Con código de área, sin 0 ni 15. Por ejemplo: 1155551234."
        type="tel"
        inputMode="tel"
        autoComplete="tel-national"
        error={errorOf('mobile')}
        registration={register('mobile')}
      />
      <TextField id="phone" label="Teléfono" optional type="tel" inputMode="tel" error={errorOf('phone')} registration={register('phone')} />
      <TextField
        id="address"
        label="Dirección"
        optional
        autoComplete="street-address"
        error={errorOf('address')}
        registration={register('address')}
      />
      <SelectField
        id="insurerId"
        label="Obra social / prepaga"
        options={insurers}
        placeholder="Elija su obra social"
        error={errorOf('insurerId')}
        registration={register('insurerId')}
      />
      <TextField id="memberNumber" label="Nº de afiliado" optional error={errorOf('memberNumber')} registration={register('memberNumber')} />
      <CheckboxField id="remindersOptIn" label="Acepto recibir recordatorios de mis turnos por mail/SMS" registration={register('remindersOptIn')} />
      <SubmitButton pending={pending} label="Guardar cambios" pendingLabel="Guardando…" />
      <SavedNote message={state.ok ? state.message : undefined} />
    </form>
  );
}

export function ChangeEmailForm({ currentEmail, pendingEmail }: { currentEmail: string; pendingEmail: string | null }) {
  const { state, formAction, pending, formRef, form, onSubmit, errorOf } = useAccountForm<
    { newEmail: string; currentPassword: string },
    AccountFormState
  >(changeEmailSchema, requestEmailChangeAction, {}, { newEmail: '', currentPassword: '' });

  // The password is not kept on the page once it did its job.
  useEffect(() => {
    if (state.ok) form.reset({ newEmail: '', currentPassword: '' });
  }, [state, form]);

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate aria-labelledby="email" className={formClass}>
      <h2 id="email" className="text-xl font-semibold">
        E-mail
      </h2>
      <p className="text-lg">
        Su e-mail actual: <strong>{currentEmail || 'no tiene e-mail registrado'}</strong>
      </p>
      {pendingEmail && !state.ok && (
        <p className="rounded-lg bg-amber-50 p-3 text-amber-950">
          Falta confirmar el cambio a <strong>{pendingEmail}</strong>: abra el enlace del mail que le enviamos a esa dirección.
        </p>
      )}
      <p className="text-slate-700">
        Para cambiarlo, le enviaremos un mail a la nueva dirección. Su e-mail cambiará cuando abra el enlace de ese mail.
      </p>
      <FormError message={state.error} />
      <TextField
        id="newEmail"
        label="Nuevo e-mail"
        type="email"
        inputMode="email"
        autoComplete="email"
        error={errorOf('newEmail')}
        registration={form.register('newEmail')}
      />
      <TextField
        id="email-currentPassword"
        label="Su contraseña actual"
        type="password"
        autoComplete="current-password"
        error={errorOf('currentPassword')}
        registration={form.register('currentPassword')}
      />
      <SubmitButton pending={pending} label="Cambiar e-mail" pendingLabel="Enviando…" />
      <SavedNote message={state.ok ? state.message : undefined} />
    </form>
  );
}

export function ChangePasswordForm() {
  const { state, formAction, pending, formRef, form, onSubmit, errorOf } = useAccountForm<
    { currentPassword: string; newPassword: string; newPasswordConfirm: string },
    AccountFormState
  >(changePasswordSchema, changeMyPasswordAction, {}, { currentPassword: '', newPassword: '', newPasswordConfirm: '' });

  useEffect(() => {
    if (state.ok) form.reset({ currentPassword: '', newPassword: '', newPasswordConfirm: '' });
  }, [state, form]);

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate aria-labelledby="contrasena" className={formClass}>
      <h2 id="contrasena" className="text-xl font-semibold">
        Contraseña
      </h2>
      <FormError message={state.error} />
      <TextField
        id="password-currentPassword"
        label="Contraseña actual"
        type="password"
        autoComplete="current-password"
        error={errorOf('currentPassword')}
        registration={form.register('currentPassword')}
      />
      <TextField
        id="newPassword"
        label="Nueva contraseña"
        hint={`Al menos ${PASSWORD_MIN} caracteres.`}
        type="password"
        autoComplete="new-password"
        error={errorOf('newPassword')}
        registration={form.register('newPassword')}
      />
      <TextField
        id="newPasswordConfirm"
        label="Repita la nueva contraseña"
        type="password"
        autoComplete="new-password"
        error={errorOf('newPasswordConfirm')}
        registration={form.register('newPasswordConfirm')}
      />
      <SubmitButton pending={pending} label="Cambiar contraseña" pendingLabel="Guardando…" />
      <SavedNote message={state.ok ? state.message : undefined} />
    </form>
  );
}
