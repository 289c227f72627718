'use client';

import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';

/** A labelled select with its help and error, like TextField. */
export function SelectField({
  id,
  label,
  options,
  registration,
  help,
  error,
}: {
  id: string;
  label: string;
  options: Record<string, string>;
  registration: UseFormRegisterReturn;
  help?: string;
  error?: FieldError;
}) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select
        id={id}
        aria-describedby={[help && `${id}-help`, `${id}-error`].filter(Boolean).join(' ')}
        aria-invalid={!!error?.message}
        className="mt-1 block min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3"
        {...registration}
      >
        {Object.entries(options).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
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

/**
 * A write-only secret: never pre-filled. When one is saved it says so ("••• guardada"), and an
 * empty field keeps it.
 */
export function SecretField({
  id,
  label,
  stored,
  registration,
  error,
}: {
  id: string;
  label: string;
  stored: boolean;
  registration: UseFormRegisterReturn;
  error?: FieldError;
}) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        placeholder={stored ? '••• guardada' : ''}
        aria-describedby={`${id}-help ${id}-error`}
        aria-invalid={!!error?.message}
        className="mt-1 block min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3"
        {...registration}
      />
      <p id={`${id}-help`} className="mt-1 text-sm text-slate-600">
        {stored ? '••• guardada. Déjela vacía para conservarla, o escriba una nueva para reemplazarla.' : 'Todavía no hay una guardada.'}
      </p>
      <p id={`${id}-error`} aria-live="polite" className="min-h-5 text-sm font-semibold text-red-700">
        {error?.message ?? ''}
      </p>
    </div>
  );
}
