'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { TextAreaField, TextField } from '@/components/admin/form-controls';
import { FormError } from '@/components/forms/field-error';
import { studySchema, type StudyInput } from '@/lib/catalog/schemas';
import { FormFooter } from './form-footer';
import { useActionSubmit, type SaveAction } from './use-action-submit';

/** ABM ESTUDIOS: NUEVO / modificar, with its INDICACION. */
export function StudyForm({ defaults, save, backHref }: { defaults: StudyInput; save: SaveAction; backHref: string }) {
  const form = useForm({ resolver: zodResolver(studySchema), defaultValues: defaults, mode: 'onBlur' });
  const errors = form.formState.errors;
  const { onSubmit, pending, result } = useActionSubmit(form, save, `${backHref}?guardado=1`);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <FormError message={result && !result.ok ? result.message : undefined} />
      <TextField
        id="name"
        label="Nombre del Estudio"
        help="Si los Profesionales también realizan CONSULTA MEDICA, ingrésela como un Estudio."
        error={errors.name}
        registration={form.register('name')}
      />
      <TextAreaField
        id="indication"
        label="INDICACION"
        help="La verá el Paciente al elegir el Estudio. Ejemplo: presentarse con 12 horas de ayuno."
        error={errors.indication}
        registration={form.register('indication')}
      />
      <FormFooter pending={pending} backHref={backHref} />
    </form>
  );
}
