'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { FieldError, FormError } from '@/components/forms/field-error';
import type { ActionResult } from '@/lib/admin/staff-action';
import { SEND_PATH, sendListSchema, type SendListInput } from '@/lib/reminders/send-list-schema';
import { primaryButton } from '../catalog/styles';

type Option = { id: number; name: string };
type Template = { id: number; title: string; channel: 'email' | 'sms' };

const select = 'mt-1 block min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3';
const legend = 'font-semibold uppercase tracking-wide text-brand-800 text-sm';

/**
 * ENVIAR MAIL/SMS: the manual's steps 1–7, top to bottom, ending in GENERAR LISTADO. Nothing is
 * sent here: the list opens on its own page, to check, export, trim and then send.
 */
export function SendListForm({
  templates,
  insurers,
  specialties,
  professionals,
  defaults,
  build,
}: {
  templates: Template[];
  insurers: Option[];
  specialties: Option[];
  professionals: Option[];
  defaults: { from: string; to: string };
  build: (input: unknown) => Promise<ActionResult<{ id: number }>>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState('');
  const form = useForm<SendListInput>({
    resolver: zodResolver(sendListSchema, undefined, { raw: true }),
    defaultValues: { templateId: '' as unknown as number, target: 'turnos', from: defaults.from, to: defaults.to, who: 'no_enviados', insurerIds: [], specialtyId: '', professionalId: '' },
  });
  const e = form.formState.errors;
  const target = form.watch('target');
  const templateId = Number(form.watch('templateId'));
  const channel = templates.find((t) => t.id === templateId)?.channel;

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setError('');
      const answer = await build(values);
      if (answer.ok) {
        router.push(`${SEND_PATH}/${answer.data.id}`);
        return;
      }
      setError(answer.error);
      for (const [field, message] of Object.entries(answer.fieldErrors ?? {})) form.setError(field as Path<SendListInput>, { message });
    }),
  );

  const byChannel = (c: 'email' | 'sms') => templates.filter((t) => t.channel === c);
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Preparar envío" className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <FormError message={error} />
      <div>
        <label htmlFor="templateId" className={legend}>
          1. Template para enviar
        </label>
        <select id="templateId" aria-describedby="templateId-error" aria-invalid={!!e.templateId} className={select} {...form.register('templateId')}>
          <option value="">Elegir plantilla</option>
          {(['email', 'sms'] as const).map((c) =>
            byChannel(c).length ? (
              <optgroup key={c} label={c === 'email' ? 'Email' : 'SMS'}>
                {byChannel(c).map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.title} ({c === 'email' ? 'Email' : 'SMS'})
                  </option>
                ))}
              </optgroup>
            ) : null,
          )}
        </select>
        <FieldError id="templateId-error" message={e.templateId?.message} />
      </div>

      <fieldset>
        <legend className={legend}>2. A quién se envía</legend>
        <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" value="turnos" className="size-5" {...form.register('target')} /> A partir de turnos
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" value="pacientes" className="size-5" {...form.register('target')} /> A todos los pacientes
          </label>
        </div>
      </fieldset>

      {target === 'turnos' && (
        <fieldset>
          <legend className={legend}>3. Opciones si se envía por turnos: fecha de los turnos</legend>
          <div className="mt-1 grid grid-cols-2 gap-3 sm:max-w-md">
            <div>
              <label htmlFor="from" className="block font-medium">
                Desde
              </label>
              <input id="from" type="date" aria-describedby="from-error" aria-invalid={!!e.from} className={select} {...form.register('from')} />
              <FieldError id="from-error" message={e.from?.message} />
            </div>
            <div>
              <label htmlFor="to" className="block font-medium">
                Hasta
              </label>
              <input id="to" type="date" aria-describedby="to-error" aria-invalid={!!e.to} className={select} {...form.register('to')} />
              <FieldError id="to-error" message={e.to?.message} />
            </div>
          </div>
        </fieldset>
      )}

      <fieldset>
        <legend className={legend}>4. Quiénes</legend>
        <p className="text-sm text-slate-600">
          {target === 'turnos'
            ? `Según si el turno ya tuvo su recordatorio por ${channel === 'sms' ? 'SMS' : channel === 'email' ? 'mail' : 'este medio'}.`
            : 'Según si el paciente ya recibió esta plantilla.'}
        </p>
        <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
          {(
            [
              ['no_enviados', 'Los que no tienen enviado'],
              ['enviados', 'Los que ya tienen enviado'],
              ['todos', 'Todos'],
            ] as const
          ).map(([value, text]) => (
            <label key={value} className="flex min-h-11 items-center gap-2">
              <input type="radio" value={value} className="size-5" {...form.register('who')} /> {text}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend className={legend}>5. Obra social / prepaga</legend>
        <p className="text-sm text-slate-600">Sin marcar ninguna: todas.</p>
        <div className="mt-1 grid max-h-48 grid-cols-1 gap-x-4 overflow-y-auto rounded-lg border border-slate-300 p-2 sm:grid-cols-2">
          {insurers.map((i) => (
            <label key={i.id} className="flex min-h-11 items-center gap-2">
              <input type="checkbox" value={i.id} className="size-5" {...form.register('insurerIds' as Path<SendListInput>)} /> {i.name}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend className={legend}>6. Especialidad / profesional de los turnos</legend>
        <div className="mt-1 grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor="specialtyId" className="block font-medium">
              Especialidad
            </label>
            <select id="specialtyId" className={select} {...form.register('specialtyId')}>
              <option value="">Todas</option>
              {specialties.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="professionalId" className="block font-medium">
              Profesional
            </label>
            <select id="professionalId" className={select} {...form.register('professionalId')}>
              <option value="">Todos</option>
              {professionals.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>

      <p className="text-sm text-slate-600">
        El listado incluye solo a los pacientes con el {channel === 'sms' ? 'celular' : channel === 'email' ? 'mail' : 'mail o celular'} bien
        ingresado, y nunca a quienes pidieron no recibir recordatorios.
      </p>
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Generando…' : 'GENERAR LISTADO'}
      </button>
    </form>
  );
}
