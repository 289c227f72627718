'use client';

import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';

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
  options: Array<{ value: string | number; label: string }>;
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
        {options.map((o) => (
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
