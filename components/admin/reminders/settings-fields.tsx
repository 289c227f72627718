'use client';

import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';

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
