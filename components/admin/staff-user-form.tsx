'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { TextField } from '@/components/admin/form-controls';
import { FormError } from '@/components/forms/field-error';
import { staffUserSchema, type StaffUserInput } from '@/lib/staff/schemas';
import { FormFooter } from './catalog/form-footer';
import { useActionSubmit, type SaveAction } from './catalog/use-action-submit';

/** Sistema → Usuarios: NUEVO / modificar (rol, nombre, contraseña). */
export function StaffUserForm({ defaults, save, backHref, editing }: { defaults: StaffUserInput; save: SaveAction; backHref: string; editing: boolean }) {
  const form = useForm({ resolver: zodResolver(staffUserSchema), defaultValues: defaults, mode: 'onBlur' });
  const { onSubmit, pending, result } = useActionSubmit(form, save, `${backHref}?guardado=1`);
  const e = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
      <FormError message={result && !result.ok ? result.message : undefined} />
      <TextField id="username" label="Usuario" help="Con él ingresa en /admin. Sin espacios." error={e.username} registration={form.register('username')} />
      <TextField id="fullName" label="Nombre y apellido" error={e.fullName} registration={form.register('fullName')} />
      <fieldset className="space-y-1">
        <legend className="font-medium">Rol</legend>
        <label className="flex min-h-11 items-center gap-3">
          <input type="radio" value="reception" className="h-5 w-5" {...form.register('role')} /> Recepción: agendas, turnos y pacientes
        </label>
        <label className="flex min-h-11 items-center gap-3">
          <input type="radio" value="admin" className="h-5 w-5" {...form.register('role')} /> Administrador: además configuración, usuarios, plantillas y auditoría
        </label>
        <p className="min-h-5 text-sm font-semibold text-red-700" aria-live="polite">
          {e.role?.message ?? ''}
        </p>
      </fieldset>
      <TextField
        id="password"
        label={editing ? 'Contraseña nueva (dejar vacío para no cambiarla)' : 'Contraseña'}
        type="password"
        help="Al menos 8 caracteres."
        error={e.password}
        registration={form.register('password')}
      />
      <FormFooter pending={pending} backHref={backHref} />
    </form>
  );
}
