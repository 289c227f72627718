'use client';

import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/admin/staff-action';
import type { AffectedView, AgendaOutcome } from '@/lib/agenda/outcome';

export type Decision = 'keep' | 'cancel';
export type AgendaAction = (payload: {
  input: unknown;
  resolution: { decision?: Decision; confirmedIds?: number[] };
}) => Promise<ActionResult<AgendaOutcome>>;
export type Saved = Extract<AgendaOutcome, { status: 'saved' }>;

export interface PendingChoice {
  input: unknown;
  affected: AffectedView[];
  /** Why the list is shown again (it changed since staff saw it), or ''. */
  message: string;
}

/**
 * Sends an agenda change. When the server answers that the change would leave turnos outside the
 * agenda, keeps the form's values and the list so staff can choose; the choice goes back with the
 * ids they saw, and the server applies it only if the list is still the same.
 */
export function useAgendaSubmit(action: AgendaAction, onSaved: (saved: Saved) => void) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState('');
  const [choice, setChoice] = useState<PendingChoice | null>(null);

  const send = (input: unknown, resolution: { decision?: Decision; confirmedIds?: number[] }, onFieldErrors?: (errors: Partial<Record<string, string>>) => void) =>
    startTransition(async () => {
      setError('');
      const answer = await action({ input, resolution });
      if (!answer.ok) {
        setError(answer.error);
        if (answer.fieldErrors) {
          setChoice(null);
          onFieldErrors?.(answer.fieldErrors);
        }
        return;
      }
      if (answer.data.status === 'needs_decision') {
        setChoice({ input, affected: answer.data.affected, message: answer.data.message });
        return;
      }
      setChoice(null);
      onSaved(answer.data);
    });

  return {
    pending,
    error,
    choice,
    submit: (input: unknown, onFieldErrors?: (errors: Partial<Record<string, string>>) => void) => send(input, {}, onFieldErrors),
    decide: (decision: Decision) => {
      if (choice) send(choice.input, { decision, confirmedIds: choice.affected.map((a) => a.id) });
    },
    dismiss: () => {
      setChoice(null);
      setError('');
    },
  };
}
