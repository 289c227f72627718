'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { TextAreaField, TextField } from '@/components/admin/form-controls';
import { FormError } from '@/components/forms/field-error';
import { insurerSchema, type InsurerInput } from '@/lib/catalog/schemas';
import { FormFooter } from './form-footer';
import { useActionSubmit, type SaveAction } from './use-action-submit';

/** NUEVO / modificar an obra social, with the manual's explanation of each web text. */
export function InsurerForm({ defaults, save, backHref }: { defaults: InsurerInput; save: SaveAction; backHref: string }) {
  const form = useForm({ resolver: zodResolver(insurerSchema), defaultValues: defaults, mode: 'onBlur' });
  const errors = form.formState.errors;
  const { onSubmit, pending, result } = useActionSubmit(form, save, `${backHref}?guardado=1`);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <FormError message={result && !result.ok ? result.message : undefined} />
      <TextField id="name" label="Nombre" error={errors.name} registration={form.register('name')} />
      <TextField
        id="webName"
        label="Nombre para la Web"
        help="De la manera que lo escriba aquí lo verán los Pacientes en la Web. Si lo deja vacío, verán el Nombre."
        error={errors.webName}
        registration={form.register('webName')}
      />
      <TextAreaField
        id="generalMessage"
        label="Mensaje General"
        help="Aparecerá en el LISTADO DE OBRAS SOCIALES de la Web. Suelen escribirse las indicaciones específicas sobre la forma en que se atiende a los Pacientes de cada una."
        error={errors.generalMessage}
        registration={form.register('generalMessage')}
      />
      <TextAreaField
        id="bookingMessage"
        label="Mensaje p/ Turnos"
        help="Aparecerá luego de confirmar cada Turno Web. Suelen escribirse indicaciones sobre autorizaciones, firmas de bonos, carnets, etc."
        error={errors.bookingMessage}
        registration={form.register('bookingMessage')}
      />
      <FormFooter pending={pending} backHref={backHref} />
    </form>
  );
}
