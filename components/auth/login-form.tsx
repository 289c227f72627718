'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { startTransition, useActionState, useRef } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { loginPatient, loginStaff, type LoginField, type LoginState } from '@/lib/auth/actions';
import { patientLoginSchema, staffLoginSchema } from '@/lib/auth/schemas';

type Values = { dni?: string; username?: string; password: string };

const inputClass =
  'block h-12 w-full rounded-lg border border-slate-400 bg-white px-3 text-lg aria-[invalid=true]:border-red-700 focus:border-brand-600';

/**
 * The sign-in form of either portal. react-hook-form holds the values, so a refused attempt
 * keeps what the user typed (STACK.md trap 11); the server action validates again.
 */
export function LoginForm({ kind, returnTo }: { kind: 'patient' | 'staff'; returnTo?: string }) {
  const [state, formAction, pending] = useActionState<LoginState, FormData>(
    kind === 'patient' ? loginPatient : loginStaff,
    null,
  );
  const formRef = useRef<HTMLFormElement>(null);
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<Values>({
    // Both schemas validate exactly the fields this form renders for its kind.
    resolver: (kind === 'patient' ? zodResolver(patientLoginSchema) : zodResolver(staffLoginSchema)) as unknown as Resolver<Values>,
    defaultValues: kind === 'patient' ? { dni: '', password: '' } : { username: '', password: '' },
  });

  const fieldError = (field: LoginField) => errors[field as keyof Values]?.message ?? state?.fieldErrors?.[field];
  const idField: LoginField = kind === 'patient' ? 'dni' : 'username';
  const idError = fieldError(idField);
  const passwordError = fieldError('password');

  return (
    <form
      ref={formRef}
      action={formAction}
      // Validate in the browser first; the submission itself goes through the action.
      onSubmit={handleSubmit(() => startTransition(() => formAction(new FormData(formRef.current!))))}
      noValidate
      className="space-y-5"
    >
      {returnTo && <input type="hidden" name="desde" value={returnTo} />}

      <div role="alert" aria-atomic="true">
        {state?.error && (
          <div className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-900">
            <p className="font-semibold">{state.error}</p>
            {state.detail && <p className="mt-1">{state.detail}</p>}
          </div>
        )}
      </div>

      <div className="space-y-1">
        <label htmlFor={idField} className="block text-lg font-medium">
          {kind === 'patient' ? 'DNI' : 'Usuario'}
        </label>
        {kind === 'patient' && (
          <p id="dni-hint" className="text-sm text-slate-600">
            Su número de documento, con o sin puntos.
          </p>
        )}
        <input
          id={idField}
          type="text"
          {...register(idField as 'dni' | 'username')}
          inputMode={kind === 'patient' ? 'numeric' : undefined}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={idError ? true : undefined}
          aria-describedby={[kind === 'patient' ? 'dni-hint' : '', idError ? `${idField}-error` : ''].filter(Boolean).join(' ') || undefined}
          className={inputClass}
        />
        {idError && (
          <p id={`${idField}-error`} className="text-red-700">
            {idError}
          </p>
        )}
      </div>

      <div className="space-y-1">
        <label htmlFor="password" className="block text-lg font-medium">
          Contraseña
        </label>
        <input
          id="password"
          type="password"
          {...register('password')}
          autoComplete="current-password"
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={passwordError ? 'password-error' : undefined}
          className={inputClass}
        />
        {passwordError && (
          <p id="password-error" className="text-red-700">
            {passwordError}
          </p>
        )}
      </div>

      <button
        type="submit"
        disabled={pending}
        className="h-12 w-full rounded-lg bg-brand-700 px-5 text-lg font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? 'Ingresando…' : 'Ingresar'}
      </button>

      {kind === 'patient' && (
        <div className="space-y-1 text-center text-slate-700">
          <p>
            <Link href="/recuperar" className="inline-block py-2 font-semibold text-brand-700 underline">
              ¿Olvidó su contraseña?
            </Link>
          </p>
          <p>
            ¿Todavía no tiene usuario?{' '}
            <Link href="/registrarse" className="inline-block py-2 font-semibold text-brand-700 underline">
              Registrarse
            </Link>
          </p>
        </div>
      )}
    </form>
  );
}
