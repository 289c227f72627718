'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import {
  registerAction,
  startRegistrationAction,
  type RegistrationStartState,
  type RegistrationState,
} from '@/lib/accounts/actions';
import type { Challenge } from '@/lib/accounts/challenge';
import { PASSWORD_MIN, registrationSchema, registrationStartSchema } from '@/lib/accounts/schemas';
import { formatDni } from '@/lib/patients/schemas';
import { CheckboxField, FormError, SelectField, SubmitButton, SuccessPanel, TextField } from './fields';
import { useAccountForm } from './use-account-form';

type Insurer = { id: number; name: string };

/** REGISTRARSE: paso 1 (DNI + anti-spam), paso 2 (the same data form for every DNI), then "revise su correo". */
export function RegistrationForm({
  challenge,
  insurers,
  contactPhones,
}: {
  challenge: Challenge;
  insurers: Insurer[];
  contactPhones: string;
}) {
  const [ticket, setTicket] = useState<{ dni: string; ticket: string } | null>(null);
  const [restart, setRestart] = useState<{ challenge: Challenge; error: string } | null>(null);

  if (!ticket) {
    return (
      <StartStep
        // A new step 1 (after "Cambiar DNI" or an expired ticket) starts from a fresh action state.
        key={restart?.challenge.token ?? 'first'}
        challenge={restart?.challenge ?? challenge}
        notice={restart?.error}
        onPassed={(next) => {
          setRestart(null);
          setTicket(next);
        }}
      />
    );
  }
  return (
    <DetailsStep
      dni={ticket.dni}
      ticket={ticket.ticket}
      insurers={insurers}
      contactPhones={contactPhones}
      onChangeDni={() => setTicket(null)}
      onRestart={(fresh, error) => {
        setRestart({ challenge: fresh, error });
        setTicket(null);
      }}
    />
  );
}

function StartStep({
  challenge,
  notice,
  onPassed,
}: {
  challenge: Challenge;
  notice?: string;
  onPassed: (next: { dni: string; ticket: string }) => void;
}) {
  const { state, formAction, pending, formRef, form, onSubmit, errorOf } = useAccountForm<
    { dni: string; answer: string },
    RegistrationStartState
  >(registrationStartSchema, startRegistrationAction, { challenge }, { dni: '', answer: '' });

  useEffect(() => {
    if (state.next) onPassed(state.next);
  }, [state.next, onPassed]);

  // Every refused answer brings a new question; the old answer means nothing for it.
  useEffect(() => {
    if (state.error) form.setValue('answer', '');
  }, [state, form]);

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-5 rounded-lg bg-white p-5 shadow-sm">
      <h2 className="text-xl font-semibold">Paso 1 de 2: DNI</h2>
      <FormError message={state.error ?? notice} />
      <input type="hidden" name="challenge" value={state.challenge.token} />
      <TextField
        id="dni"
        label="DNI de la persona que va a tener el turno"
        hint="Si está registrando a otra persona, ingrese el DNI de esa persona. Con o sin puntos."
        inputMode="numeric"
        autoComplete="off"
        error={errorOf('dni')}
        registration={form.register('dni')}
      />
      <TextField
        id="answer"
        label={state.challenge.question}
        hint="Prueba anti-spam: escriba el resultado de la cuenta, con números."
        inputMode="numeric"
        autoComplete="off"
        error={errorOf('answer')}
        registration={form.register('answer')}
      />
      <SubmitButton pending={pending} label="Continuar" pendingLabel="Verificando…" />
    </form>
  );
}

type DetailsValues = {
  dni: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  mobile: string;
  phone: string;
  email: string;
  insurerId: string;
  memberNumber: string;
  password: string;
  passwordConfirm: string;
  remindersOptIn: boolean;
};

function DetailsStep({
  dni,
  ticket,
  insurers,
  contactPhones,
  onChangeDni,
  onRestart,
}: {
  dni: string;
  ticket: string;
  insurers: Insurer[];
  contactPhones: string;
  onChangeDni: () => void;
  onRestart: (challenge: Challenge, error: string) => void;
}) {
  const { state, formAction, pending, formRef, form, onSubmit, errorOf } = useAccountForm<DetailsValues, RegistrationState>(
    registrationSchema,
    registerAction,
    {},
    {
      dni,
      lastName: '',
      firstName: '',
      birthDate: '',
      mobile: '',
      phone: '',
      email: '',
      insurerId: '',
      memberNumber: '',
      password: '',
      passwordConfirm: '',
      remindersOptIn: true,
    },
  );

  useEffect(() => {
    if (state.restart && state.error) onRestart(state.restart, state.error);
  }, [state, onRestart]);

  if (state.ok) {
    return (
      <SuccessPanel title="Revise su correo">
        <p>
          Le enviamos un mail para activar su usuario. Ábralo y oprima el enlace (o cópielo en su navegador) dentro de las
          próximas 48 horas.
        </p>
        <p>Si ya era paciente del centro, el mail va a la dirección de e-mail que el centro tiene registrada.</p>
        <p>
          Si no lo recibe en unos minutos, revise la carpeta de correo no deseado o comuníquese con el centro
          {contactPhones ? ` al ${contactPhones}` : ''}.
        </p>
        <Link href="/" className="inline-block py-2 font-semibold text-brand-700 underline">
          Volver al inicio
        </Link>
      </SuccessPanel>
    );
  }

  const { register } = form;
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-5 rounded-lg bg-white p-5 shadow-sm">
      <h2 className="text-xl font-semibold">Paso 2 de 2: sus datos</h2>
      <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-brand-50 p-3 text-lg">
        <p>
          DNI: <strong>{formatDni(dni)}</strong>
        </p>
        <button
          type="button"
          onClick={onChangeDni}
          className="min-h-11 rounded-lg border border-brand-700 px-4 font-semibold text-brand-700 hover:bg-brand-100"
        >
          Cambiar DNI
        </button>
      </div>
      <p className="text-slate-700">
        Complete los datos de la persona que va a tener el turno. Si ya es paciente del centro, por su seguridad no mostramos
        los datos que tenemos: complete los suyos y los actualizaremos cuando active su usuario desde el mail.
      </p>
      <FormError message={state.error} />
      <input type="hidden" {...register('dni')} />
      <input type="hidden" name="ticket" value={ticket} />

      <TextField id="lastName" label="Apellido" autoComplete="family-name" error={errorOf('lastName')} registration={register('lastName')} />
      <TextField id="firstName" label="Nombre" autoComplete="given-name" error={errorOf('firstName')} registration={register('firstName')} />
      <TextField
        id="birthDate"
        label="Fecha de nacimiento"
        type="date"
        autoComplete="bday"
        error={errorOf('birthDate')}
        registration={register('birthDate')}
      />
      <TextField
        id="mobile"
        label="Celular"
        hint="Con código de área, sin 0 ni 15. Por ejemplo: 1155551234."
        type="tel"
        inputMode="tel"
        autoComplete="tel-national"
        error={errorOf('mobile')}
        registration={register('mobile')}
      />
      <TextField id="phone" label="Teléfono" optional type="tel" inputMode="tel" error={errorOf('phone')} registration={register('phone')} />
      <TextField
        id="email"
        label="E-mail"
        hint="Le enviaremos aquí el mail para activar su usuario."
        type="email"
        inputMode="email"
        autoComplete="email"
        error={errorOf('email')}
        registration={register('email')}
      />
      <SelectField
        id="insurerId"
        label="Obra social / prepaga"
        options={insurers}
        placeholder="Elija su obra social"
        error={errorOf('insurerId')}
        registration={register('insurerId')}
      />
      <TextField id="memberNumber" label="Nº de afiliado" optional error={errorOf('memberNumber')} registration={register('memberNumber')} />
      <TextField
        id="password"
        label="Contraseña"
        hint={`Elija una contraseña de al menos ${PASSWORD_MIN} caracteres. La usará para ingresar con su DNI.`}
        type="password"
        autoComplete="new-password"
        error={errorOf('password')}
        registration={register('password')}
      />
      <TextField
        id="passwordConfirm"
        label="Repita la contraseña"
        type="password"
        autoComplete="new-password"
        error={errorOf('passwordConfirm')}
        registration={register('passwordConfirm')}
      />
      <CheckboxField
        id="remindersOptIn"
        label="Acepto recibir recordatorios de mis turnos por mail/SMS"
        registration={register('remindersOptIn')}
      />
      <SubmitButton pending={pending} label="Registrarse" pendingLabel="Registrando…" />
    </form>
  );
}
