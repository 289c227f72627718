'use client';

import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';

/** A labelled multi-line text (messages shown to patients), with its help text and its error. */
export function TextAreaField({
  id,
  label,
  help,
  error,
  registration,
  rows = 4,
}: {
  id: string;
  label: string;
  help?: string;
  error?: FieldError | { message?: string };
  registration: UseFormRegisterReturn;
  rows?: number;
}) {
  const described = [help && `${id}-help`, `${id}-error`].filter(Boolean).join(' ');
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <textarea
        id={id}
        rows={rows}
        aria-invalid={!!error?.message}
        aria-describedby={described}
        className="mt-1 block w-full rounded-lg border border-slate-400 bg-white px-3 py-2"
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
