'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRef } from 'react';
import { useForm } from 'react-hook-form';
import { TextField } from '@/components/admin/form-controls';
import { FormFooter } from '@/components/admin/catalog/form-footer';
import { useActionSubmit, type SaveAction } from '@/components/admin/catalog/use-action-submit';
import { FormError } from '@/components/forms/field-error';
import type { ActionResult } from '@/lib/admin/staff-action';
import { tokenText, type PlaceholderToken, type PlaceholderValues } from '@/lib/reminders/placeholders';
import { templateSchema, type TemplateInput } from '@/lib/reminders/schemas';
import { replaceNonGsm } from '@/lib/reminders/sms-count';
import { EmailPreview } from './email-preview';
import { SmsCounter } from './sms-counter';
import { TokenHelp } from './token-help';

type Preview = (input: { title: string; body: string }) => Promise<ActionResult<{ subject: string; html: string }>>;

/** PLANTILLAS: NUEVO EMAIL / NUEVO SMS / modificar. */
export function TemplateForm({
  defaults,
  save,
  preview,
  known,
  backHref,
}: {
  defaults: TemplateInput;
  save: SaveAction;
  preview: Preview;
  /** The center's own values (name, phone, web), for the SMS budget. */
  known: PlaceholderValues;
  backHref: string;
}) {
  const form = useForm({ resolver: zodResolver(templateSchema, undefined, { raw: true }), defaultValues: defaults, mode: 'onBlur' });
  const { onSubmit, pending, result } = useActionSubmit(form, save, `${backHref}?guardado=1`);
  const errors = form.formState.errors;
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);
  const { ref: registerBodyRef, ...bodyField } = form.register('body');
  const body = form.watch('body') ?? '';
  const title = form.watch('title') ?? '';
  const isSms = defaults.channel === 'sms';

  const setBody = (value: string) => form.setValue('body', value, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });

  const insert = (token: PlaceholderToken) => {
    const el = bodyRef.current;
    const text = tokenText(token);
    const current = form.getValues('body') ?? '';
    const start = el?.selectionStart ?? current.length;
    const end = el?.selectionEnd ?? current.length;
    setBody(current.slice(0, start) + text + current.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + text.length, start + text.length);
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <FormError message={result && !result.ok ? result.message : undefined} />
      <TextField
        id="title"
        label="TÍTULO"
        help={isSms ? 'El nombre de la Plantilla.' : 'Es el Asunto del Mail y el nombre de la Plantilla.'}
        error={errors.title}
        registration={form.register('title')}
      />
      <div className="grid gap-4 md:grid-cols-[1fr_18rem]">
        <div className="space-y-3">
          <div>
            <label htmlFor="body" className="block font-medium">
              Mensaje
            </label>
            <textarea
              id="body"
              rows={isSms ? 5 : 12}
              aria-invalid={!!errors.body?.message}
              aria-describedby="body-help body-error"
              className="mt-1 block w-full rounded-lg border border-slate-400 bg-white px-3 py-2"
              {...bodyField}
              ref={(el) => {
                registerBodyRef(el);
                bodyRef.current = el;
              }}
            />
            <p id="body-help" className="mt-1 text-sm text-slate-600">
              Lo que va entre corchetes, como [[PACIENTE]], el Sistema lo reemplaza por el dato de cada paciente.
              {isSms ? '' : ' En los mails no hay límite de caracteres, pero conviene ser conciso.'}
            </p>
            <p id="body-error" aria-live="polite" className="min-h-5 text-sm font-semibold text-red-700">
              {errors.body?.message ?? ''}
            </p>
          </div>
          {isSms ? (
            <SmsCounter body={body} known={known} onReplace={() => setBody(replaceNonGsm(form.getValues('body') ?? ''))} />
          ) : (
            <EmailPreview title={title} body={body} preview={preview} />
          )}
        </div>
        <TokenHelp onInsert={insert} />
      </div>
      <FormFooter pending={pending} backHref={backHref} />
    </form>
  );
}
