'use client';

import { useActionState } from 'react';
import { FieldError, FormError } from '@/components/forms/field-error';
import type { ConfirmField } from '@/lib/booking/actions';
import { REASON_MAX, type FormState } from '@/lib/booking/schemas';

export function ConfirmBookingForm({
  action,
  insurers,
  defaultInsurerId,
  defaultReason = '',
  requireReason,
}: {
  action: (prev: FormState<ConfirmField>, formData: FormData) => Promise<FormState<ConfirmField>>;
  insurers: Array<{ id: number; name: string }>;
  defaultInsurerId: number | null;
  defaultReason?: string;
  requireReason: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const values = state.values ?? {};
  return (
    <form action={formAction} className="space-y-4 rounded-lg bg-white p-4 shadow-sm" noValidate>
      <FormError message={state.error} />
      <div>
        <label htmlFor="insurerId" className="font-medium">
          Obra Social / Prepaga
        </label>
        <select
          id="insurerId"
          name="insurerId"
          // Keyed on the submitted value so React re-applies it after a failed submit (STACK.md trap 11).
          key={`insurer-${values.insurerId ?? defaultInsurerId ?? ''}`}
          defaultValue={values.insurerId ?? (defaultInsurerId ? String(defaultInsurerId) : '')}
          aria-invalid={!!state.fieldErrors?.insurerId}
          aria-describedby="insurerId-error"
          className="mt-1 block min-h-12 w-full rounded-lg border border-slate-400 bg-white px-3"
        >
          <option value="">Elegir obra social</option>
          {insurers.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
        <FieldError id="insurerId-error" message={state.fieldErrors?.insurerId} />
      </div>
      <div>
        <label htmlFor="reason" className="font-medium">
          Motivo del turno{requireReason ? '' : ' (opcional)'}
        </label>
        <textarea
          id="reason"
          name="reason"
          rows={3}
          maxLength={REASON_MAX}
          key={`reason-${values.reason ?? defaultReason}`}
          defaultValue={values.reason ?? defaultReason}
          aria-invalid={!!state.fieldErrors?.reason}
          aria-describedby="reason-error"
          required={requireReason}
          className="mt-1 block w-full rounded-lg border border-slate-400 p-3"
        />
        <FieldError id="reason-error" message={state.fieldErrors?.reason} />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="min-h-12 w-full rounded-lg bg-brand-700 px-5 text-lg font-semibold text-white hover:bg-brand-800 disabled:opacity-60 sm:w-auto"
      >
        {pending ? 'Confirmando…' : 'Confirmar Turno'}
      </button>
    </form>
  );
}
