'use client';

import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/admin/staff-action';

type Act = (input: unknown) => Promise<ActionResult>;

/** Presente / Ausente / Cancelar / Borrar for one turno; the destructive two ask first. */
export function AppointmentActions({
  appointmentId,
  status,
  started,
  label,
  setAttendance,
  cancel,
  remove,
}: {
  appointmentId: number;
  status: 'reserved' | 'present' | 'absent' | 'cancelled';
  started: boolean;
  label: string;
  setAttendance: Act;
  cancel: Act;
  remove: Act;
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState('');
  const [confirming, setConfirming] = useState<null | 'cancel' | 'delete'>(null);
  const run = (act: Act, input: object) =>
    start(async () => {
      setError('');
      const result = await act({ appointmentId, ...input });
      if (!result.ok) setError(result.error);
      setConfirming(null);
    });
  const btn = 'min-h-10 rounded-md border px-3 text-sm font-semibold disabled:opacity-50';
  if (confirming) {
    const text = confirming === 'cancel' ? `¿Cancelar el turno de ${label}?` : `¿Borrar el turno de ${label}? Desaparece de los listados.`;
    return (
      <div role="group" aria-label="Confirmación" className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-semibold">{text}</span>
        <button type="button" disabled={pending} className={`${btn} border-red-700 bg-red-700 text-white`} onClick={() => run(confirming === 'cancel' ? cancel : remove, {})}>
          {confirming === 'cancel' ? 'Sí, CANCELAR EL TURNO' : 'Sí, BORRAR EL TURNO'}
        </button>
        <button type="button" className={`${btn} border-slate-400`} onClick={() => setConfirming(null)}>
          No
        </button>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-1">
      {status !== 'cancelled' && started && status !== 'present' && (
        <button type="button" disabled={pending} className={`${btn} border-blue-700 text-blue-800`} onClick={() => run(setAttendance, { status: 'present' })}>
          Presente
        </button>
      )}
      {status !== 'cancelled' && started && status !== 'absent' && (
        <button type="button" disabled={pending} className={`${btn} border-amber-700 text-amber-800`} onClick={() => run(setAttendance, { status: 'absent' })}>
          Ausente
        </button>
      )}
      {(status === 'present' || status === 'absent') && (
        <button type="button" disabled={pending} className={`${btn} border-slate-400`} onClick={() => run(setAttendance, { status: 'reserved' })}>
          Deshacer asistencia
        </button>
      )}
      {status === 'reserved' && (
        <button type="button" disabled={pending} className={`${btn} border-red-700 text-red-800`} onClick={() => setConfirming('cancel')}>
          Cancelar
        </button>
      )}
      <button type="button" disabled={pending} className={`${btn} border-slate-500 text-slate-800`} onClick={() => setConfirming('delete')}>
        Borrar
      </button>
      <span role="alert" className="text-sm font-semibold text-red-700">
        {error}
      </span>
    </div>
  );
}
