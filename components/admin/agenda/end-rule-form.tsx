'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { TextField } from '@/components/admin/form-controls';
import { dangerButton } from '@/components/admin/catalog/styles';
import { FormError } from '@/components/forms/field-error';
import { endRuleSchema, type EndRuleInput } from '@/lib/agenda/schemas';
import { AffectedTurnos } from './affected-turnos';
import { useAgendaSubmit, type AgendaAction, type Saved } from './use-agenda-submit';

function useDone(doneHref: string) {
  const router = useRouter();
  return (saved: Saved) => {
    const q = new URLSearchParams({ guardado: '1', cancelados: String(saved.cancelled), mantenidos: String(saved.kept) });
    router.push(`${doneHref}&${q}`);
  };
}

/** FINALIZAR: the rule stops after "Último día de atención"; the days before keep it. */
export function EndRuleForm({ id, defaultLastDay, save, doneHref }: { id: number; defaultLastDay: string; save: AgendaAction; doneHref: string }) {
  const form = useForm<EndRuleInput>({ resolver: zodResolver(endRuleSchema), defaultValues: { id, lastDay: defaultLastDay } });
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const { pending, error, choice, submit, decide, dismiss } = useAgendaSubmit(save, useDone(doneHref));
  const onSubmit = form.handleSubmit((values) =>
    submit(values, (fieldErrors) => {
      if (fieldErrors.lastDay) form.setError('lastDay', { message: fieldErrors.lastDay });
    }),
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Finalizar el horario" className="space-y-3">
      <FormError message={!choice && error ? error : undefined} />
      <fieldset disabled={!!choice}>
        <legend className="sr-only">Fin del horario</legend>
        <TextField
          id="lastDay"
          label="Último día de atención"
          type="date"
          help="Ayer, para que deje de regir hoy; o una fecha futura."
          className="max-w-xs"
          error={form.formState.errors.lastDay}
          registration={form.register('lastDay')}
        />
      </fieldset>
      {choice ? (
        <AffectedTurnos choice={choice} pending={pending} error={error} onKeep={() => decide('keep')} onCancel={() => decide('cancel')} onBack={dismiss} />
      ) : (
        <button type="submit" disabled={pending || !ready} className={dangerButton}>
          {pending ? 'Guardando…' : 'Finalizar'}
        </button>
      )}
    </form>
  );
}

/** BORRAR: only offered for a rule that has not applied to any past day. */
export function DeleteRuleButton({ id, save, doneHref }: { id: number; save: AgendaAction; doneHref: string }) {
  const [asking, setAsking] = useState(false);
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const { pending, error, choice, submit, decide, dismiss } = useAgendaSubmit(save, useDone(doneHref));
  if (choice) {
    return <AffectedTurnos choice={choice} pending={pending} error={error} onKeep={() => decide('keep')} onCancel={() => decide('cancel')} onBack={dismiss} />;
  }
  return (
    <div className="space-y-2">
      <FormError message={error || undefined} />
      {asking ? (
        <div role="group" aria-label="¿Borrar este horario?" className="flex flex-wrap items-center gap-2">
          <span className="font-medium">¿Borrar este horario?</span>
          <button type="button" onClick={() => submit({ id })} disabled={pending} className={dangerButton}>
            {pending ? 'Borrando…' : 'Sí, borrar'}
          </button>
          <button type="button" onClick={() => setAsking(false)} className="min-h-11 rounded-lg border border-slate-400 px-4 font-semibold">
            No
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setAsking(true)} disabled={!ready} className={dangerButton}>
          Borrar el horario
        </button>
      )}
    </div>
  );
}
