'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { CheckboxField, SelectField, TextField } from '@/components/admin/form-controls';
import { primaryButton } from '@/components/admin/catalog/styles';
import { FormError } from '@/components/forms/field-error';
import { savedSentence } from '@/lib/agenda/outcome';
import { closureSchema, type ClosureInput } from '@/lib/agenda/schemas';
import { AffectedTurnos } from './affected-turnos';
import { useAgendaSubmit, type AgendaAction } from './use-agenda-submit';

/**
 * AGREGAR FERIADO (the whole center) or AGREGAR AUSENCIA (one professional): whole days, or only
 * some hours of each day. If it closes slots with turnos, they are listed before anything is saved.
 */
export function ClosureForm({
  kind,
  today,
  professionals = [],
  save,
}: {
  kind: 'holiday' | 'absence';
  today: string;
  professionals?: Array<{ id: number; name: string }>;
  save: AgendaAction;
}) {
  const router = useRouter();
  const holiday = kind === 'holiday';
  const p = holiday ? 'feriado' : 'ausencia';
  const title = holiday ? 'Agregar feriado' : 'Agregar ausencia';
  const titleId = useId();
  const defaults: ClosureInput = {
    professionalId: holiday ? '' : String(professionals[0]?.id ?? ''),
    startsOn: today,
    endsOn: today,
    partDay: false,
    startTime: '',
    endTime: '',
    reason: '',
  };
  const form = useForm<ClosureInput>({ resolver: zodResolver(closureSchema), defaultValues: defaults, mode: 'onBlur' });
  const errors = form.formState.errors;
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const [status, setStatus] = useState('');
  const { pending, error, choice, submit, decide, dismiss } = useAgendaSubmit(save, (saved) => {
    setStatus(`${holiday ? 'Feriado guardado.' : 'Ausencia guardada.'} ${savedSentence(saved)}`.trim());
    form.reset({ ...form.getValues(), reason: '' });
    router.refresh();
  });
  const onSubmit = form.handleSubmit((values) => {
    setStatus('');
    submit(values, (fieldErrors) => {
      for (const [field, message] of Object.entries(fieldErrors)) form.setError(field as Path<ClosureInput>, { message: message ?? '' });
    });
  });
  const partDay = form.watch('partDay');

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={titleId} className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <h3 id={titleId} className="text-lg font-semibold text-brand-800">
        {title}
      </h3>
      <FormError message={!choice && error ? error : undefined} />
      <fieldset disabled={!!choice} className="grid gap-x-4 sm:grid-cols-2">
        <legend className="sr-only">{title}</legend>
        {!holiday && (
          <SelectField
            id={`${p}-professionalId`}
            label="Profesional"
            className="sm:col-span-2"
            error={errors.professionalId}
            registration={form.register('professionalId')}
            options={professionals.map((x) => ({ value: x.id, label: x.name }))}
          />
        )}
        <TextField id={`${p}-startsOn`} label="Desde el día" type="date" error={errors.startsOn} registration={form.register('startsOn')} />
        <TextField id={`${p}-endsOn`} label="Hasta el día" type="date" help="Inclusive. Para un solo día, la misma fecha." error={errors.endsOn} registration={form.register('endsOn')} />
        <div className="sm:col-span-2">
          <CheckboxField
            id={`${p}-partDay`}
            label="Solo una parte del día"
            help="Sin tildar: los días completos."
            registration={form.register('partDay')}
          />
        </div>
        {partDay && (
          <>
            <TextField id={`${p}-startTime`} label="Desde la hora" type="time" error={errors.startTime} registration={form.register('startTime')} />
            <TextField id={`${p}-endTime`} label="Hasta la hora" type="time" error={errors.endTime} registration={form.register('endTime')} />
          </>
        )}
        <TextField
          id={`${p}-reason`}
          label="Motivo"
          className="sm:col-span-2"
          help={holiday ? 'Se muestra en la agenda, p. ej. "Navidad".' : 'Para el personal, p. ej. "Congreso" o "Licencia".'}
          error={errors.reason}
          registration={form.register('reason')}
        />
      </fieldset>
      {choice ? (
        <AffectedTurnos choice={choice} pending={pending} error={error} onKeep={() => decide('keep')} onCancel={() => decide('cancel')} onBack={dismiss} />
      ) : (
        <button type="submit" disabled={pending || !ready} className={primaryButton}>
          {pending ? 'Guardando…' : title}
        </button>
      )}
      <p role="status" className="font-semibold text-green-800">
        {status}
      </p>
    </form>
  );
}
