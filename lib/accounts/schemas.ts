import '@/lib/validation/spanish';
import { z } from 'zod';
import { MAX_RECORD_ID } from '@/lib/validation/record-id';
import { dniSchema, email, patientSchema } from '@/lib/patients/schemas';

/**
 * The portal's account forms. Each schema is shared by its form (react-hook-form's resolver, in
 * the browser) and its server action, which parses again: the browser's check is only a courtesy.
 * Messages are what the patient reads next to the field.
 */

export const PASSWORD_MIN = 8;

const dni = z.string().trim().min(1, 'Ingrese el DNI.').pipe(dniSchema);

const answer = z
  .string()
  .trim()
  .min(1, 'Escriba el resultado de la cuenta.')
  .regex(/^\d{1,3}$/, 'Escriba el resultado solo con números.');

const newPassword = z
  .string()
  .min(PASSWORD_MIN, `La contraseña debe tener al menos ${PASSWORD_MIN} caracteres.`)
  .max(200, 'La contraseña es demasiado larga.');

const currentPassword = z.string().min(1, 'Ingrese su contraseña.').max(200, 'La contraseña es demasiado larga.');

const requiredEmail = email.refine((v) => v !== '', 'Ingrese su e-mail.');

const insurerId = z.coerce
  .number({ error: 'Elija su obra social (o PARTICULAR si no tiene).' })
  .int('Elija su obra social (o PARTICULAR si no tiene).')
  .positive('Elija su obra social (o PARTICULAR si no tiene).')
  .max(MAX_RECORD_ID, 'Elija su obra social (o PARTICULAR si no tiene).');

const { lastName, firstName, birthDate, mobile, phone, memberNumber } = patientSchema.shape;

const PHONE_REQUIRED = 'Ingrese un celular o un teléfono, para que el centro pueda avisarle.';

/** Registrarse, paso 1: whose turnos these will be (the DNI), and the anti-spam sum. */
export const registrationStartSchema = z.object({ dni, answer });

/** Registrarse, paso 2: the same form for every DNI (see lib/accounts/registration.ts). */
export const registrationSchema = z
  .object({
    dni,
    lastName,
    firstName,
    birthDate: z.string().trim().min(1, 'Ingrese la fecha de nacimiento.').pipe(birthDate),
    mobile,
    phone,
    email: requiredEmail,
    insurerId,
    memberNumber,
    password: newPassword,
    passwordConfirm: z.string(),
    remindersOptIn: z.boolean(),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], message: 'Las contraseñas no coinciden.' })
  .refine((v) => v.mobile !== '' || v.phone !== '', { path: ['mobile'], message: PHONE_REQUIRED });
export type RegistrationInput = z.output<typeof registrationSchema>;

/** ¿Olvidó su contraseña? */
export const forgotPasswordSchema = z.object({ dni, answer });

/** The link's page asks for the password chosen at registration (see lib/accounts/activation.ts). */
export const activationSchema = z.object({ password: currentPassword });

export const resetPasswordSchema = z
  .object({ password: newPassword, passwordConfirm: z.string() })
  .refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], message: 'Las contraseñas no coinciden.' });

/** Mis Datos: what a patient may change on their own. DNI and names only through the center. */
export const myContactSchema = z
  .object({
    mobile,
    phone,
    address: z.string().trim().max(200, 'La dirección es demasiado larga.'),
    insurerId,
    memberNumber,
    remindersOptIn: z.boolean(),
  })
  .refine((v) => v.mobile !== '' || v.phone !== '', { path: ['mobile'], message: PHONE_REQUIRED });
export type MyContactInput = z.output<typeof myContactSchema>;

export const changePasswordSchema = z
  .object({ currentPassword, newPassword, newPasswordConfirm: z.string() })
  .refine((v) => v.newPassword === v.newPasswordConfirm, {
    path: ['newPasswordConfirm'],
    message: 'Las contraseñas no coinciden.',
  });

export const changeEmailSchema = z.object({ newEmail: requiredEmail, currentPassword });

/** The first message per field, for the text next to each input. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[String(issue.path[0])] ??= issue.message;
  return out;
}

/** What every account form's action returns (success either redirects or says so in `message`). */
export interface AccountFormState {
  ok?: boolean;
  error?: string;
  message?: string;
  fieldErrors?: Record<string, string>;
}
