'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { TextField } from '@/components/admin/form-controls';
import { FormError } from '@/components/forms/field-error';
import { professionalSchema, type ProfessionalInput } from '@/lib/catalog/schemas';
import { FormFooter } from './form-footer';
import { IdCheckboxes, type CheckboxOption } from './id-checkboxes';
import { useActionSubmit, type SaveAction } from './use-action-submit';

/** Sistema → Profesionales: NUEVO / modificar, with the specialties the professional attends. */
export function ProfessionalForm({
  defaults,
  specialties,
  save,
  backHref,
}: {
  defaults: ProfessionalInput;
  specialties: CheckboxOption[];
  save: SaveAction;
  backHref: string;
}) {
  const form = useForm({ resolver: zodResolver(professionalSchema), defaultValues: defaults, mode: 'onBlur' });
  const errors = form.formState.errors;
  const { onSubmit, pending, result } = useActionSubmit(form, save, `${backHref}?guardado=1`);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <FormError message={result && !result.ok ? result.message : undefined} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField id="lastName" label="Apellido" error={errors.lastName} registration={form.register('lastName')} />
        <TextField id="firstName" label="Nombre" error={errors.firstName} registration={form.register('firstName')} />
        <TextField id="license" label="Matrícula" error={errors.license} registration={form.register('license')} />
        <TextField id="email" label="E-Mail" type="email" inputMode="email" error={errors.email} registration={form.register('email')} />
      </div>
      <IdCheckboxes
        control={form.control}
        name="specialtyIds"
        legend="Especialidades"
        help="Tilde las especialidades que atiende. Para la Web, además deben estar activadas en TURNOS WEB."
        options={specialties}
        empty="Todavía no hay especialidades: créelas en Sistema → Especialidades."
        inactiveLabel="dada de baja"
      />
      <FormFooter pending={pending} backHref={backHref} />
    </form>
  );
}
