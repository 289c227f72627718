'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { FormError } from '@/components/forms/field-error';
import { professionalStudiesSchema, type ProfessionalStudiesInput } from '@/lib/catalog/schemas';
import { FormFooter } from './form-footer';
import { IdCheckboxes, type CheckboxOption } from './id-checkboxes';
import { useActionSubmit, type SaveAction } from './use-action-submit';

/** The ESTUDIOS button: tick the studies this professional performs, whatever the specialty. */
export function ProfessionalStudiesForm({
  defaults,
  studies,
  save,
  backHref,
}: {
  defaults: ProfessionalStudiesInput;
  studies: CheckboxOption[];
  save: SaveAction;
  backHref: string;
}) {
  const form = useForm({ resolver: zodResolver(professionalStudiesSchema), defaultValues: defaults });
  const { onSubmit, pending, result } = useActionSubmit(form, save);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <FormError message={result && !result.ok ? result.message : undefined} />
      <IdCheckboxes
        control={form.control}
        name="studyIds"
        legend="Tilde los Estudios que realiza el Profesional"
        options={studies}
        empty="Todavía no hay estudios: créelos en TURNOS WEB → ABM Estudios con el botón NUEVO."
      />
      <FormFooter pending={pending} backHref={backHref} status={result?.ok ? result.message : undefined} />
    </form>
  );
}
