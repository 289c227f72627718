'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { TextField } from '@/components/admin/form-controls';
import { FormError } from '@/components/forms/field-error';
import { specialtySchema, specialtyWebSchema, type SpecialtyInput, type SpecialtyWebInput } from '@/lib/catalog/schemas';
import { FormFooter } from './form-footer';
import { useActionSubmit, type SaveAction } from './use-action-submit';

/** Sistema → Especialidades: NUEVO / renombrar. */
export function SpecialtyForm({ defaults, save, backHref }: { defaults: SpecialtyInput; save: SaveAction; backHref: string }) {
  const form = useForm({ resolver: zodResolver(specialtySchema), defaultValues: defaults, mode: 'onBlur' });
  const { onSubmit, pending, result } = useActionSubmit(form, save, `${backHref}?guardado=1`);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <FormError message={result && !result.ok ? result.message : undefined} />
      <TextField
        id="name"
        label="Nombre"
        help="El nombre interno del Centro. Para la Web puede indicarse otro en TURNOS WEB → Especialidades activadas."
        error={form.formState.errors.name}
        registration={form.register('name')}
      />
      <FormFooter pending={pending} backHref={backHref} />
    </form>
  );
}

/** TURNOS WEB → ESPECIALIDADES ACTIVADAS: Nombre para la Web. */
export function SpecialtyWebForm({
  defaults,
  internalName,
  save,
  backHref,
}: {
  defaults: SpecialtyWebInput;
  internalName: string;
  save: SaveAction;
  backHref: string;
}) {
  const form = useForm({ resolver: zodResolver(specialtyWebSchema), defaultValues: defaults, mode: 'onBlur' });
  const { onSubmit, pending, result } = useActionSubmit(form, save, `${backHref}?guardado=1`);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <FormError message={result && !result.ok ? result.message : undefined} />
      <p>
        Nombre en el Sistema: <strong>{internalName}</strong>
      </p>
      <TextField
        id="webName"
        label="Nombre para la Web"
        help="Si la Especialidad se usa internamente con un nombre específico, escriba aquí la descripción con la que desea que aparezca en la Web. Vacío: se muestra el nombre del Sistema."
        error={form.formState.errors.webName}
        registration={form.register('webName')}
      />
      <FormFooter pending={pending} backHref={backHref} />
    </form>
  );
}
