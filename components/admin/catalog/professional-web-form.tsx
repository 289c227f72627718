'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { TextAreaField, TextField } from '@/components/admin/form-controls';
import { FormError } from '@/components/forms/field-error';
import { professionalWebSchema, type ProfessionalWebInput } from '@/lib/catalog/schemas';
import { FormFooter } from './form-footer';
import { useActionSubmit, type SaveAction } from './use-action-submit';

/** TURNOS WEB → PROFESIONALES ACTIVADOS: the professional's messages and Días Máximos. */
export function ProfessionalWebForm({ defaults, save, backHref }: { defaults: ProfessionalWebInput; save: SaveAction; backHref: string }) {
  const form = useForm({ resolver: zodResolver(professionalWebSchema), defaultValues: defaults, mode: 'onBlur' });
  const errors = form.formState.errors;
  const { onSubmit, pending, result } = useActionSubmit(form, save, `${backHref}?guardado=1`);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <FormError message={result && !result.ok ? result.message : undefined} />
      <TextAreaField
        id="generalMessage"
        label="Mensaje General (previo al turno)"
        help="Aparecerá al ingresar al calendario Web del Profesional: el Paciente no podrá evitar verlo antes de tomar turno. Suele indicarse si el Profesional realiza también otros estudios, o si atiende Pacientes de ciertas edades."
        error={errors.generalMessage}
        registration={form.register('generalMessage')}
      />
      <TextAreaField
        id="bookingMessage"
        label="Mensaje p/ Turnos (posterior al turno)"
        help="Aparecerá luego de confirmar cada Turno Web. Puede repetirse alguna observación importante sobre el Profesional."
        error={errors.bookingMessage}
        registration={form.register('bookingMessage')}
      />
      <TextField
        id="maxDaysAhead"
        label="Días Máximos"
        help="Cantidad de días a futuro, desde hoy, en que la agenda estará habilitada en la Web. Evita que los Pacientes se otorguen turnos en períodos muy lejanos."
        type="number"
        inputMode="numeric"
        className="max-w-xs"
        error={errors.maxDaysAhead}
        registration={form.register('maxDaysAhead')}
      />
      <FormFooter pending={pending} backHref={backHref} />
    </form>
  );
}
