'use client';

import type { UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import type { patientSchema } from '@/lib/patients/schemas';
import { TextField } from './form-controls';

// Only the fields are rendered here; what a submit yields (parsed or raw) is the caller's business.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PatientForm = UseFormReturn<z.input<typeof patientSchema>, any, any>;

/** A patient's data as staff enter it: the booking screen's quick form and Sistema → Pacientes. */
export function PatientFields({ form, insurers, idPrefix = 'p' }: { form: PatientForm; insurers: Array<{ id: number; name: string }>; idPrefix?: string }) {
  const e = form.formState.errors;
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <>
      <TextField id={id('dni')} label="DNI" inputMode="numeric" error={e.dni} registration={form.register('dni')} />
      <TextField id={id('lastName')} label="Apellido" error={e.lastName} registration={form.register('lastName')} />
      <TextField id={id('firstName')} label="Nombre" error={e.firstName} registration={form.register('firstName')} />
      <TextField id={id('birthDate')} label="Fecha de nacimiento" type="date" error={e.birthDate} registration={form.register('birthDate')} />
      <TextField id={id('mobile')} label="Celular (sin 0 ni 15)" inputMode="tel" error={e.mobile} registration={form.register('mobile')} />
      <TextField id={id('phone')} label="Teléfono" inputMode="tel" error={e.phone} registration={form.register('phone')} />
      <TextField id={id('email')} label="E-mail" inputMode="email" error={e.email} registration={form.register('email')} />
      <div>
        <label htmlFor={id('insurerId')} className="block font-medium">
          Obra Social
        </label>
        <select id={id('insurerId')} className="mt-1 block min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3" {...form.register('insurerId')}>
          <option value="">Sin obra social</option>
          {insurers.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
      </div>
      <TextField id={id('memberNumber')} label="Nº de afiliado" error={e.memberNumber} registration={form.register('memberNumber')} />
    </>
  );
}
