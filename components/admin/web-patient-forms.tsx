'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { CheckboxField, TextAreaField, TextField } from '@/components/admin/form-controls';
import { FormError } from '@/components/forms/field-error';
import { webPatientCreateSchema, webPatientUpdateSchema, type WebPatientCreate, type WebPatientUpdate } from '@/lib/web-patients/schemas';
import { FormFooter } from './catalog/form-footer';
import { useActionSubmit, type SaveAction } from './catalog/use-action-submit';

/** MODIFICAR ACTIVACION/CONTRASEÑA. */
export function WebPatientForm({ defaults, save, backHref }: { defaults: WebPatientUpdate; save: SaveAction; backHref: string }) {
  // raw: the server parses the same schema, so it must get what was typed.
  const form = useForm({ resolver: zodResolver(webPatientUpdateSchema, undefined, { raw: true }), defaultValues: defaults, mode: 'onBlur' });
  const { onSubmit, pending, result } = useActionSubmit(form, save, `${backHref}?guardado=1`);
  const e = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
      <FormError message={result && !result.ok ? result.message : undefined} />
      <CheckboxField id="activated" label="ACTIVADO?" help="Tildado, el paciente no necesita el mail de activación." registration={form.register('activated')} />
      <TextField id="dni" label="Nº DNI" inputMode="numeric" help="Con él ingresa a la web." error={e.dni} registration={form.register('dni')} />
      <TextField id="email" label="MAIL" inputMode="email" help="Para solucionar “olvidó su mail”: corríjalo aquí." error={e.email} registration={form.register('email')} />
      <TextField
        id="password"
        label="CONTRASEÑA nueva (dejar vacío para no cambiarla)"
        type="password"
        help="Para solucionar “olvidó su contraseña”: elija una y dígasela al paciente, o envíele el enlace."
        error={e.password}
        registration={form.register('password')}
      />
      <CheckboxField id="disabled" label="DESHABILITAR?" help="El paciente no podrá tomar turnos web y leerá la observación al ingresar." registration={form.register('disabled')} />
      <TextAreaField id="observation" label="Observación" error={e.observation} registration={form.register('observation')} />
      <FormFooter pending={pending} backHref={backHref} />
    </form>
  );
}

/** ALTA EN WEB. */
export function WebPatientCreateForm({ save, backHref }: { save: SaveAction; backHref: string }) {
  const defaults: WebPatientCreate = { dni: '', lastName: '', firstName: '', email: '', password: '' };
  const form = useForm({ resolver: zodResolver(webPatientCreateSchema, undefined, { raw: true }), defaultValues: defaults, mode: 'onBlur' });
  const { onSubmit, pending, result } = useActionSubmit(form, save, `${backHref}?guardado=1`);
  const e = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
      <FormError message={result && !result.ok ? result.message : undefined} />
      <TextField id="dni" label="Nº DNI" inputMode="numeric" help="Si ya es paciente del centro, se usa su ficha." error={e.dni} registration={form.register('dni')} />
      <TextField id="lastName" label="Apellido (solo si es paciente nuevo)" error={e.lastName} registration={form.register('lastName')} />
      <TextField id="firstName" label="Nombre (solo si es paciente nuevo)" error={e.firstName} registration={form.register('firstName')} />
      <TextField id="email" label="MAIL" inputMode="email" error={e.email} registration={form.register('email')} />
      <TextField id="password" label="CONTRASEÑA WEB" type="password" help="Al menos 8 caracteres." error={e.password} registration={form.register('password')} />
      <FormFooter pending={pending} backHref={backHref} />
    </form>
  );
}
