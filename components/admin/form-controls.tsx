'use client';

import type { ReactNode } from 'react';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';

/** The label, help text and error every field here shares, linked for screen readers. */
interface FieldProps {
  id: string;
  label: string;
  help?: string;
  error?: FieldError | { message?: string };
  registration: UseFormRegisterReturn;
  className?: string;
}

/** The frame of a field: its label, the control (given the attributes that link it), its help and its error. */
function FieldFrame({
  id,
  label,
  help,
  error,
  className = '',
  children,
}: Omit<FieldProps, 'registration'> & { children: (a11y: { 'aria-invalid': boolean; 'aria-describedby': string }) => ReactNode }) {
  const described = [help && `${id}-help`, `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {children({ 'aria-invalid': !!error?.message, 'aria-describedby': described })}
      {help && (
        <p id={`${id}-help`} className="mt-1 text-sm text-slate-600">
          {help}
        </p>
      )}
      <p id={`${id}-error`} aria-live="polite" className="min-h-5 text-sm font-semibold text-red-700">
        {error?.message ?? ''}
      </p>
    </div>
  );
}

/** A labelled input with its help text and its error, linked for screen readers. */
export function TextField({
  registration,
  type = 'text',
  inputMode,
  ...field
}: FieldProps & { type?: string; inputMode?: 'numeric' | 'email' | 'text' | 'tel' | 'url' }) {
  return (
    <FieldFrame {...field}>
      {(a11y) => (
        <input
          id={field.id}
          type={type}
          inputMode={inputMode}
          {...a11y}
          className="mt-1 block min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3"
          {...registration}
        />
      )}
    </FieldFrame>
  );
}

/** A labelled multi-line text (messages shown to patients), with its help text and its error. */
export function TextAreaField({ registration, rows = 4, ...field }: FieldProps & { rows?: number }) {
  return (
    <FieldFrame {...field}>
      {(a11y) => (
        <textarea
          id={field.id}
          rows={rows}
          {...a11y}
          className="mt-1 block w-full rounded-lg border border-slate-400 bg-white px-3 py-2"
          {...registration}
        />
      )}
    </FieldFrame>
  );
}

export function CheckboxField({
  id,
  label,
  help,
  registration,
}: {
  id: string;
  label: string;
  help?: string;
  registration: UseFormRegisterReturn;
}) {
  return (
    <div>
      <label htmlFor={id} className="flex min-h-11 items-center gap-3 font-medium">
        <input id={id} type="checkbox" className="h-5 w-5" aria-describedby={help ? `${id}-help` : undefined} {...registration} />
        {label}
      </label>
      {help && (
        <p id={`${id}-help`} className="text-sm text-slate-600">
          {help}
        </p>
      )}
    </div>
  );
}

export function Fieldset({ legend, children }: { legend: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 text-lg font-semibold text-brand-800">{legend}</legend>
      {children}
    </fieldset>
  );
}

/** A labelled select with its help text and its error, linked for screen readers. */
export function SelectField({
  registration,
  options,
  ...field
}: FieldProps & {
  /** Value → text (a labels map), or a list of options in order. */
  options: Array<{ value: string | number; label: string }> | Record<string, string>;
}) {
  return (
    <FieldFrame {...field}>
      {(a11y) => (
        <select id={field.id} {...a11y} className="mt-1 block min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3" {...registration}>
          {(Array.isArray(options) ? options : Object.entries(options).map(([value, label]) => ({ value, label }))).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
