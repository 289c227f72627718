'use client';

import { useEffect, useId, useRef, useState, useTransition } from 'react';
import { dangerButton, plainButton } from '@/components/admin/catalog/styles';
import type { ActionResult } from '@/lib/admin/staff-action';

type Act = (input: { appointmentId: number }) => Promise<ActionResult>;
type Asking = null | 'cancel' | 'delete';

const QUESTION: Record<'cancel' | 'delete', (label: string) => string> = {
  cancel: (label) => `¿Cancelar el turno de ${label}? Se le avisará al paciente por e-mail.`,
  delete: (label) => `¿Borrar el turno de ${label}? Desaparece de todos los listados.`,
};
const LABEL = { cancel: 'CANCELAR EL TURNO', delete: 'BORRAR EL TURNO' } as const;

/**
 * The manual's two buttons for one row of "Listado de Turnos dados por Sistema Web". Both ask
 * first; the page re-renders from the server after either (the actions revalidate), so a cancelled
 * turno shows "Cancelado" and a deleted one is gone.
 */
export function WebListingActions({
  appointmentId,
  label,
  canCancel,
  cancel,
  remove,
}: {
  appointmentId: number;
  /** Who and when, read with each button: "PEREZ JUAN, 25/11/2026 10:00". */
  label: string;
  /** Only a reserved turno that has not started yet. */
  canCancel: boolean;
  cancel: Act;
  remove: Act;
}) {
  const [pending, start] = useTransition();
  const [asking, setAsking] = useState<Asking>(null);
  const [error, setError] = useState('');
  // Before hydration a click would do nothing: keep the buttons visibly unavailable until then.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const errorId = useId();

  useEffect(() => {
    if (asking) questionRef.current?.focus();
  }, [asking]);

  const run = (what: 'cancel' | 'delete') =>
    start(async () => {
      setError('');
      const result = await (what === 'cancel' ? cancel : remove)({ appointmentId });
      setAsking(null);
      if (!result.ok) setError(result.error);
    });

  const small = 'min-h-11 px-3 text-sm';
  return (
    <div className="flex min-w-80 flex-col gap-1">
      {asking ? (
        <div role="group" aria-label="Confirmación" className="flex flex-col gap-2">
          <p ref={questionRef} tabIndex={-1} className="text-sm font-semibold">
            {QUESTION[asking](label)}
          </p>
          <div className="flex flex-wrap gap-2">
            <button type="button" disabled={pending} onClick={() => run(asking)} className={`${dangerButton} ${small}`}>
              {pending ? 'Guardando…' : `Sí, ${LABEL[asking]}`}
            </button>
            <button type="button" disabled={pending} onClick={() => setAsking(null)} className={`${plainButton} ${small}`}>
              No
            </button>
          </div>
        </div>
      ) : (
        <div className="flex flex-nowrap gap-2 whitespace-nowrap">
          {canCancel && (
            <button type="button" disabled={!ready || pending} aria-describedby={error ? errorId : undefined} onClick={() => setAsking('cancel')} className={`${dangerButton} ${small}`}>
              {LABEL.cancel}
              <span className="sr-only"> {label}</span>
            </button>
          )}
          <button type="button" disabled={!ready || pending} aria-describedby={error ? errorId : undefined} onClick={() => setAsking('delete')} className={`${plainButton} ${small}`}>
            {LABEL.delete}
            <span className="sr-only"> {label}</span>
          </button>
        </div>
      )}
      <p id={errorId} aria-live="polite" className="text-sm font-semibold text-red-700">
        {error}
      </p>
    </div>
  );
}
