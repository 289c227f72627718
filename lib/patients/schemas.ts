import '@/lib/validation/spanish';
import { z } from 'zod';
import { recordId } from '@/lib/validation/record-id';

/** "30.111.222" → "30111222". */
export function normalizeDni(value: string): string {
  return value.replace(/[\s.\-]/g, '');
}

/** "30111222" → "30.111.222", as a DNI is printed. */
export function formatDni(dni: string): string {
  return dni.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export function digitsOnly(value: string): string {
  return value.replace(/\D/g, '');
}

export const dniSchema = z
  .string()
  .transform(normalizeDni)
  .pipe(z.string().regex(/^\d{6,9}$/, 'El DNI debe tener entre 6 y 9 números, sin puntos.'));

const name = (label: string) =>
  z.string().trim().min(1, `Ingrese ${label}.`).max(80, `${label[0].toUpperCase()}${label.slice(1)}: hasta 80 caracteres.`).transform((v) => v.toUpperCase());

const phone = z
  .string()
  .transform(digitsOnly)
  .pipe(z.string().max(15, 'El teléfono tiene demasiados números.').refine((v) => v === '' || v.length >= 6, 'El teléfono es demasiado corto.'));

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(200)
  .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'El e-mail no es válido.');

const optionalId = z.preprocess((v) => (v === '' || v === null || v === undefined ? null : v), recordId.nullable());

/** A patient as staff enter one (reception, by phone). */
export const patientSchema = z.object({
  dni: dniSchema,
  lastName: name('el apellido'),
  firstName: name('el nombre'),
  birthDate: z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) && v <= new Date().toISOString().slice(0, 10)), 'La fecha de nacimiento no es válida.')
    .transform((v) => (v === '' ? null : v)),
  phone,
  mobile: phone,
  email,
  insurerId: optionalId,
  memberNumber: z.string().trim().max(40, 'El número de afiliado es demasiado largo.'),
});
export type PatientInput = z.infer<typeof patientSchema>;

/** An empty patient form. */
export const EMPTY_PATIENT: z.input<typeof patientSchema> = {
  dni: '',
  lastName: '',
  firstName: '',
  birthDate: '',
  phone: '',
  mobile: '',
  email: '',
  insurerId: null,
  memberNumber: '',
};
