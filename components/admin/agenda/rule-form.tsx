'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { CheckboxField, SelectField, TextField } from '@/components/admin/form-controls';
import { plainButton, primaryButton } from '@/components/admin/catalog/styles';
import { FormError } from '@/components/forms/field-error';
import { addDaysToDate, isoWeekday } from '@/lib/availability/slots';
import { minutesOfDay, ruleSchema, type RuleInput } from '@/lib/agenda/schemas';
import { WEEKDAY_NAMES, WEEKDAYS } from '@/lib/agenda/weekdays';
import { AffectedTurnos } from './affected-turnos';
import { useAgendaSubmit, type AgendaAction } from './use-agenda-submit';

type Option = { id: number; name: string };

export type RuleFormValues = {
  id?: number;
  professionalId: number;
  weekday: string;
  startTime: string;
  endTime: string;
  slotMinutes: string;
  validFrom: string;
  validTo: string;
  specialtyId: string;
  studyId: string;
  webEnabled: boolean;
};

/** How many turnos a day the hours give, and what is left over at the end. */
function dayShape(start: string, end: string, slot: number): string {
  if (!/^\d\d:\d\d$/.test(start) || !/^\d\d:\d\d$/.test(end) || !(slot >= 5)) return '';
  const length = minutesOfDay(end) - minutesOfDay(start);
  if (length < slot) return '';
  const count = Math.floor(length / slot);
  const rest = length - count * slot;
  const turnos = count === 1 ? '1 turno por día' : `${count} turnos por día`;
  return rest === 0 ? `${turnos}.` : `${turnos}; los últimos ${rest} minutos quedan sin turno.`;
}

/** The first date on or after `from` that falls on `weekday`: the week the preview should show. */
function firstDayOf(from: string, weekday: number): string {
  return addDaysToDate(from, (weekday - isoWeekday(from) + 7) % 7);
}

/**
 * NUEVA REGLA or MODIFICAR: a weekday's hours and slot length for a professional. A change applies
 * from "Los cambios rigen desde" on; the old hours stay for the days before.
 */
export function RuleForm({
  defaults,
  specialties,
  studies,
  save,
  backHref,
}: {
  defaults: RuleFormValues;
  specialties: Option[];
  studies: Option[];
  save: AgendaAction;
  backHref: string;
}) {
  const router = useRouter();
  const editing = defaults.id !== undefined;
  const form = useForm<RuleInput>({ resolver: zodResolver(ruleSchema), defaultValues: defaults as RuleInput, mode: 'onBlur' });
  const errors = form.formState.errors;
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const { pending, error, choice, submit, decide, dismiss } = useAgendaSubmit(save, (saved) => {
    const v = form.getValues();
    const q = new URLSearchParams({
      profesional: String(defaults.professionalId),
      semana: firstDayOf(String(v.validFrom), Number(v.weekday)),
      guardado: '1',
      cancelados: String(saved.cancelled),
      mantenidos: String(saved.kept),
    });
    router.push(`/admin/agendas?${q}`);
  });
  const onSubmit = form.handleSubmit((values) =>
    submit(values, (fieldErrors) => {
      for (const [field, message] of Object.entries(fieldErrors)) form.setError(field as Path<RuleInput>, { message: message ?? '' });
    }),
  );
  const [start, end, slot] = form.watch(['startTime', 'endTime', 'slotMinutes']);
  const shape = dayShape(String(start ?? ''), String(end ?? ''), Number(slot));
  const none = { value: '', label: 'Cualquiera' };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={editing ? 'Modificar el horario' : 'Nuevo horario'} className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <FormError message={!choice && error ? error : undefined} />
      <fieldset disabled={!!choice} className="grid gap-x-4 sm:grid-cols-2">
        <legend className="sr-only">Datos del horario</legend>
        <SelectField
          id="weekday"
          label="Día de la semana"
          error={errors.weekday}
          registration={form.register('weekday')}
          options={WEEKDAYS.map((d) => ({ value: d, label: WEEKDAY_NAMES[d] }))}
        />
        <TextField
          id="slotMinutes"
          label="Duración de cada turno (minutos)"
          type="number"
          inputMode="numeric"
          error={errors.slotMinutes}
          registration={form.register('slotMinutes')}
        />
        <TextField id="startTime" label="Desde la hora" type="time" help="24 horas, p. ej. 08:00." error={errors.startTime} registration={form.register('startTime')} />
        <TextField id="endTime" label="Hasta la hora" type="time" help="El último turno termina a esta hora o antes." error={errors.endTime} registration={form.register('endTime')} />
        <p aria-live="polite" className="text-sm font-medium text-slate-700 sm:col-span-2">
          {shape}
        </p>
        <TextField
          id="validFrom"
          label={editing ? 'Los cambios rigen desde' : 'Vigente desde'}
          type="date"
          help={
            editing
              ? 'Hasta el día anterior sigue el horario actual: los turnos ya dados y la historia no cambian.'
              : 'Desde hoy o una fecha futura.'
          }
          error={errors.validFrom}
          registration={form.register('validFrom')}
        />
        <TextField
          id="validTo"
          label="Vigente hasta (opcional)"
          type="date"
          help="Vacío: sin fecha de fin."
          error={errors.validTo}
          registration={form.register('validTo')}
        />
        <SelectField
          id="specialtyId"
          label="Especialidad"
          help="Cualquiera: la agenda sirve para todas las del profesional."
          error={errors.specialtyId}
          registration={form.register('specialtyId')}
          options={[none, ...specialties.map((s) => ({ value: s.id, label: s.name }))]}
        />
        <SelectField
          id="studyId"
          label="Estudio"
          help="Cualquiera: la agenda sirve para todos los estudios."
          error={errors.studyId}
          registration={form.register('studyId')}
          options={[none, ...studies.map((s) => ({ value: s.id, label: s.name }))]}
        />
        <div className="sm:col-span-2">
          <CheckboxField
            id="webEnabled"
            label="Ofrecer estos horarios en Turnos Web"
            help="Destildado: solo el personal da turnos en estos horarios."
            registration={form.register('webEnabled')}
          />
        </div>
      </fieldset>
      {choice ? (
        <AffectedTurnos choice={choice} pending={pending} error={error} onKeep={() => decide('keep')} onCancel={() => decide('cancel')} onBack={dismiss} />
      ) : (
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-3">
          <button type="submit" disabled={pending || !ready} className={`${primaryButton} min-h-12 px-6`}>
            {pending ? 'Guardando…' : 'Guardar'}
          </button>
          <Link href={backHref} className={`${plainButton} min-h-12`}>
            Volver
          </Link>
        </div>
      )}
    </form>
  );
}
