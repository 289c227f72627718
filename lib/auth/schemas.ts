import '@/lib/validation/spanish';
import { z } from 'zod';
import { NUL_MESSAGE } from '@/lib/validation/nul';

/**
 * "30.111.222", "30 111 222" and "30-111-222" are how people write a DNI: keep the digits.
 * Returns the input untouched (trimmed) when it has anything else, so validation can reject it.
 */
export function normalizeDni(input: string): string {
  const trimmed = input.trim();
  const withoutSeparators = trimmed.replace(/[.\s-]/g, '');
  return /^\d+$/.test(withoutSeparators) ? withoutSeparators : trimmed;
}

export const DNI_PATTERN = /^\d{6,9}$/;

/** The sign-in forms, shared by the browser (react-hook-form) and the server actions. */
export const patientLoginSchema = z.object({
  dni: z
    .string()
    .trim()
    .min(1, 'Ingrese su DNI.')
    .transform(normalizeDni)
    .refine((dni) => DNI_PATTERN.test(dni), 'Ingrese su DNI solo con números, sin letras (por ejemplo 30111222).'),
  password: z.string().min(1, 'Ingrese su contraseña.').max(200, 'La contraseña es demasiado larga.'),
});

export const staffLoginSchema = z.object({
  // Recorded as typed in the failed-attempt log, so it must be storable text.
  username: z
    .string()
    .trim()
    .min(1, 'Ingrese su usuario.')
    .max(100, 'El usuario es demasiado largo.')
    .refine((v) => !v.includes('\u0000'), NUL_MESSAGE),
  password: z.string().min(1, 'Ingrese su contraseña.').max(200, 'La contraseña es demasiado larga.'),
});

export type PatientLoginInput = z.input<typeof patientLoginSchema>;
export type StaffLoginInput = z.input<typeof staffLoginSchema>;
