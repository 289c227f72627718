'use client';

import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';

/** A labelled input with its help text and its error, linked for screen readers. */
export function TextField({
  id,
  label,
  help,
  error,
  registration,
  type = 'text',
  inputMode,
  className = '',
}: {
  id: string;
  label: string;
  help?: string;
  error?: FieldError | { message?: string };
  registration: UseFormRegisterReturn;
  type?: string;
  inputMode?: 'numeric' | 'email' | 'text' | 'tel' | 'url';
  className?: string;
}) {
  const described = [help && `${id}-help`, `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <input
        id={id}
        type={type}
        inputMode={inputMode}
        aria-invalid={!!error?.message}
        aria-describedby={described}
        className="mt-1 block min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3"
        {...registration}
      />
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
  id,
  label,
  help,
  error,
  registration,
  options,
  className = '',
}: {
  id: string;
  label: string;
  help?: string;
  error?: FieldError | { message?: string };
  registration: UseFormRegisterReturn;
  /** Value → text (a labels map), or a list of options in order. */
  options: Array<{ value: string | number; label: string }> | Record<string, string>;
  className?: string;
}) {
  const described = [help && `${id}-help`, `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select
        id={id}
        aria-invalid={!!error?.message}
        aria-describedby={described}
        className="mt-1 block min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3"
        {...registration}
      >
        {(Array.isArray(options) ? options : Object.entries(options).map(([value, label]) => ({ value, label }))).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
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
