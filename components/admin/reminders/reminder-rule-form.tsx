'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { TextField } from '@/components/admin/form-controls';
import { FormError } from '@/components/forms/field-error';
import { reminderRuleSchema } from '@/lib/reminders/rules';
import { FormFooter } from '../catalog/form-footer';
import { useActionSubmit, type SaveAction } from '../catalog/use-action-submit';

type Template = { id: number; title: string; channel: 'email' | 'sms' };

/** A new automatic reminder: how many hours before, by mail or SMS, with which PLANTILLA. */
export function ReminderRuleForm({ templates, save, backHref }: { templates: Template[]; save: SaveAction; backHref: string }) {
  const form = useForm({
    resolver: zodResolver(reminderRuleSchema, undefined, { raw: true }),
    defaultValues: { name: '', channel: 'email' as 'email' | 'sms', templateId: '' as unknown as number, hoursBefore: 48 },
    mode: 'onBlur',
  });
  const { onSubmit, pending, result } = useActionSubmit(form, save, `${backHref}?guardado=1`);
  const channel = form.watch('channel');
  const e = form.formState.errors;
  const select = 'mt-1 block min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3';
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Nueva regla de recordatorio" className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
      <FormError message={result && !result.ok ? result.message : undefined} />
      <TextField id="name" label="Nombre de la regla" error={e.name} registration={form.register('name')} />
      <div>
        <label htmlFor="channel" className="block font-medium">
          Enviar por
        </label>
        <select id="channel" className={select} {...form.register('channel')}>
          <option value="email">Mail</option>
          <option value="sms">SMS</option>
        </select>
      </div>
      <div>
        <label htmlFor="templateId" className="block font-medium">
          Plantilla
        </label>
        <select id="templateId" aria-describedby="templateId-error" className={select} {...form.register('templateId')}>
          <option value="">Elegir plantilla</option>
          {templates
            .filter((t) => t.channel === channel)
            .map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
        </select>
        <p id="templateId-error" aria-live="polite" className="min-h-5 text-sm font-semibold text-red-700">
          {e.templateId?.message ?? ''}
        </p>
      </div>
      <TextField
        id="hoursBefore"
        label="Horas antes del turno"
        type="number"
        inputMode="numeric"
        help="P. ej. 48 para dos días antes. Cada turno recibe este recordatorio una sola vez; los cancelados y los pacientes que no quieren recordatorios, nunca."
        error={e.hoursBefore}
        registration={form.register('hoursBefore')}
      />
      <FormFooter pending={pending} backHref={backHref} />
    </form>
  );
}
