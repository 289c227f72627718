'use client';

import { useActionState, useState } from 'react';
import { FormError } from '@/components/forms/field-error';
import type { FormState } from '@/lib/booking/schemas';

/** "CANCELAR" with the confirmation step the manual asks for. */
export function CancelAppointment({ label, action }: { label: string; action: () => Promise<FormState<never>> }) {
  const [asking, setAsking] = useState(false);
  const [state, formAction, pending] = useActionState(async () => action(), {} as FormState<never>);
  if (!asking) {
    return (
      <button
        type="button"
        onClick={() => setAsking(true)}
        className="min-h-11 rounded-lg border-2 border-red-700 px-4 font-semibold text-red-700 hover:bg-red-50"
      >
        Cancelar
      </button>
    );
  }
  return (
    <form action={formAction} className="w-full space-y-2 rounded-lg border border-red-300 bg-red-50 p-3" aria-label="Confirmar cancelación">
      <p className="font-semibold text-red-900">¿Confirma la cancelación del turno del {label}?</p>
      <FormError message={state.error} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={pending} className="min-h-11 rounded-lg bg-red-700 px-4 font-semibold text-white hover:bg-red-800 disabled:opacity-60">
          {pending ? 'Cancelando…' : 'Sí, cancelar el turno'}
        </button>
        <button type="button" onClick={() => setAsking(false)} className="min-h-11 rounded-lg border border-slate-400 bg-white px-4 font-semibold">
          No, volver
        </button>
      </div>
    </form>
  );
}
