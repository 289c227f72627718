'use client';

import { useActionState, useState } from 'react';
import { FieldError, FormError } from '@/components/forms/field-error';
import { REASON_MAX, type FormState } from '@/lib/booking/schemas';

/** "Modificar el MOTIVO del Turno". */
export function EditReason({
  id,
  reason,
  action,
}: {
  id: number;
  reason: string;
  action: (prev: FormState<'reason'>, formData: FormData) => Promise<FormState<'reason'>>;
}) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(async (prev: FormState<'reason'>, data: FormData) => {
    const result = await action(prev, data);
    if (result.ok) setOpen(false);
    return result;
  }, {});
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="min-h-11 rounded-lg border border-slate-400 px-4 font-semibold hover:bg-slate-100">
        Modificar Motivo
      </button>
    );
  }
  const fieldId = `reason-${id}`;
  return (
    <form action={formAction} className="w-full space-y-2">
      <FormError message={state.error} />
      <label htmlFor={fieldId} className="font-medium">
        Motivo del turno
      </label>
      <textarea
        id={fieldId}
        name="reason"
        rows={2}
        maxLength={REASON_MAX}
        defaultValue={state.values?.reason ?? reason}
        aria-describedby={`${fieldId}-error`}
        className="block w-full rounded-lg border border-slate-400 p-2"
      />
      <FieldError id={`${fieldId}-error`} message={state.fieldErrors?.reason} />
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className="min-h-11 rounded-lg bg-brand-700 px-4 font-semibold text-white disabled:opacity-60">
          Guardar Motivo
        </button>
        <button type="button" onClick={() => setOpen(false)} className="min-h-11 rounded-lg border border-slate-400 px-4 font-semibold">
          Cerrar
        </button>
      </div>
    </form>
  );
}
