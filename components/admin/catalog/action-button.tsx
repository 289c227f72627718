'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/admin/staff-action';
import { dangerButton, plainButton, primaryButton } from './styles';

type Props<I> = {
  action: (input: I) => Promise<ActionResult<{ id: number }>>;
  input: I;
  /** Visible text, e.g. "MODIFICAR ACTIVACION". */
  label: string;
  /** Read after the label by screen readers, e.g. the row's name. */
  context: string;
  /** Ask before acting (dar de baja): the question shown next to the button. */
  confirm?: string;
  tone?: 'primary' | 'danger' | 'plain';
  /** Where to go once done (when the row itself disappears, e.g. a discarded list). */
  doneHref?: string;
  /** What the button says while working; "Guardando…" by default. */
  pendingLabel?: string;
};

const tones = { primary: primaryButton, danger: dangerButton, plain: plainButton };

/**
 * One row's button that calls a server action (MODIFICAR ACTIVACION, Dar de baja, Reactivar).
 * The page re-renders with the new state (the action revalidates); a refusal shows next to it.
 */
export function ActionButton<I>({ action, input, label, context, confirm, tone = 'plain', doneHref, pendingLabel = 'Guardando…' }: Props<I>) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState('');
  const [asking, setAsking] = useState(false);
  // Until hydration a click would do nothing at all: keep the button visibly unavailable.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const errorId = useId();
  const yesRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asking) yesRef.current?.focus();
  }, [asking]);

  const run = () =>
    startTransition(async () => {
      setError('');
      const answer = await action(input);
      setAsking(false);
      if (!answer.ok) setError(answer.error);
      else if (doneHref) router.push(doneHref);
    });

  return (
    <div className="flex flex-col gap-1">
      {asking ? (
        <div role="group" aria-label={confirm} className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{confirm}</span>
          <button ref={yesRef} type="button" onClick={run} disabled={pending} className={tones[tone]}>
            {pending ? pendingLabel : `Sí, ${label.toLowerCase()}`}
            <span className="sr-only"> {context}</span>
          </button>
          <button type="button" onClick={() => setAsking(false)} className={plainButton}>
            No
          </button>
        </div>
      ) : (
        <button
          type="button"
          onClick={confirm ? () => setAsking(true) : run}
          disabled={pending || !ready}
          aria-describedby={error ? errorId : undefined}
          className={tones[tone]}
        >
          {pending ? pendingLabel : label}
          <span className="sr-only"> {context}</span>
        </button>
      )}
      <p id={errorId} aria-live="polite" className="text-sm font-semibold text-red-700">
        {error}
      </p>
    </div>
  );
}
