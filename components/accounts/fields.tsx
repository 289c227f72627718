'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { FieldError, FormError } from '@/components/forms/field-error';

/**
 * Inputs for the patient portal: big (48 px) targets and 18 px text, a visible label, an optional
 * hint and the error right under the field, both tied to it through aria-describedby.
 */

const inputClass =
  'mt-1 block h-12 w-full rounded-lg border border-slate-400 bg-white px-3 text-lg aria-[invalid=true]:border-red-700 focus:border-brand-600';

function describedBy(id: string, hint?: ReactNode) {
  return [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ');
}

function Label({ id, label, optional }: { id: string; label: string; optional?: boolean }) {
  return (
    <label htmlFor={id} className="block text-lg font-medium">
      {label}
      {optional && <span className="font-normal text-slate-600"> (opcional)</span>}
    </label>
  );
}

export function TextField({
  id,
  label,
  hint,
  error,
  registration,
  optional,
  type = 'text',
  inputMode,
  autoComplete,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  registration: UseFormRegisterReturn;
  optional?: boolean;
  type?: 'text' | 'email' | 'password' | 'tel' | 'date';
  inputMode?: 'numeric' | 'email' | 'tel' | 'text';
  autoComplete?: string;
}) {
  return (
    <div>
      <Label id={id} label={label} optional={optional} />
      {hint && (
        <p id={`${id}-hint`} className="text-slate-600">
          {hint}
        </p>
      )}
      <input
        id={id}
        type={type}
        inputMode={inputMode}
        autoComplete={autoComplete}
        autoCapitalize={type === 'email' || type === 'password' ? 'none' : undefined}
        spellCheck={type === 'email' || type === 'password' ? false : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint)}
        className={inputClass}
        {...registration}
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function SelectField({
  id,
  label,
  hint,
  error,
  registration,
  options,
  placeholder,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  registration: UseFormRegisterReturn;
  options: Array<{ id: number; name: string }>;
  placeholder: string;
}) {
  return (
    <div>
      <Label id={id} label={label} />
      {hint && (
        <p id={`${id}-hint`} className="text-slate-600">
          {hint}
        </p>
      )}
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint)}
        className={inputClass}
        {...registration}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.id} value={String(o.id)}>
            {o.name}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function CheckboxField({ id, label, registration }: { id: string; label: string; registration: UseFormRegisterReturn }) {
  return (
    <label htmlFor={id} className="flex min-h-12 cursor-pointer items-center gap-3 text-lg">
      <input id={id} type="checkbox" className="h-6 w-6 shrink-0" {...registration} />
      {label}
    </label>
  );
}

export function SubmitButton({ pending, label, pendingLabel }: { pending: boolean; label: string; pendingLabel: string }) {
  return (
    <button
      type="submit"
      disabled={pending}
      className="h-12 w-full rounded-lg bg-brand-700 px-5 text-lg font-semibold text-white hover:bg-brand-800 disabled:opacity-60 sm:w-auto"
    >
      {pending ? pendingLabel : label}
    </button>
  );
}

export { FormError };

/** A success that replaces the form: announced, and focused so keyboard and screen-reader users land on it. */
export function SuccessPanel({ title, children }: { title: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section role="status" className="space-y-3 rounded-lg border border-green-300 bg-green-50 p-5 text-lg text-green-950">
      <h2 ref={ref} tabIndex={-1} className="text-xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A saved-changes line next to a form's button, announced politely. */
export function SavedNote({ message }: { message?: string }) {
  return (
    <p aria-live="polite" className="min-h-6 font-semibold text-green-800">
      {message ?? ''}
    </p>
  );
}
