'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { FormError } from '@/components/forms/field-error';
import { patientSchema } from '@/lib/patients/schemas';
import { FormFooter } from './catalog/form-footer';
import { useActionSubmit, type SaveAction } from './catalog/use-action-submit';
import { PatientFields } from './patient-fields';

/** Sistema → Pacientes: NUEVO / modificar. */
export function PatientForm({
  defaults,
  insurers,
  save,
  backHref,
}: {
  defaults: z.input<typeof patientSchema>;
  insurers: Array<{ id: number; name: string }>;
  save: SaveAction;
  backHref: string;
}) {
  // raw: the server parses the same schema, so it must get what was typed.
  const form = useForm({ resolver: zodResolver(patientSchema, undefined, { raw: true }), defaultValues: defaults, mode: 'onBlur' });
  const { onSubmit, pending, result } = useActionSubmit(form, save, `${backHref}?guardado=1`);
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-x-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-2">
      <div className="sm:col-span-2">
        <FormError message={result && !result.ok ? result.message : undefined} />
      </div>
      <PatientFields form={form} insurers={insurers} />
      <div className="sm:col-span-2">
        <FormFooter pending={pending} backHref={backHref} />
      </div>
    </form>
  );
}
