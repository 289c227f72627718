import '@/lib/validation/spanish';
import { z } from 'zod';
import { dniSchema, email } from '@/lib/patients/schemas';

/** MODIFICAR ACTIVACION/CONTRASEÑA: what staff may fix on a patient's web user. */
export const webPatientUpdateSchema = z
  .object({
    dni: dniSchema,
    email: email.refine((v) => v !== '', 'Ingrese el e-mail del paciente.'),
    /** Empty = keep the current password. */
    password: z.union([z.literal(''), z.string().min(8, 'La contraseña debe tener al menos 8 caracteres.').max(200)]),
    activated: z.boolean(),
    disabled: z.boolean(),
    observation: z.string().trim().max(500, 'La observación puede tener hasta 500 caracteres.'),
  })
  .refine((v) => !v.disabled || v.observation.length > 0, {
    path: ['observation'],
    message: 'Escriba la observación que el paciente leerá al ingresar.',
  });
export type WebPatientUpdate = z.infer<typeof webPatientUpdateSchema>;

/** ALTA EN WEB: an existing patient (by id) or a new one (names), with DNI, e-mail and a web password. */
export const webPatientCreateSchema = z.object({
  dni: dniSchema,
  lastName: z.string().trim().max(80).transform((v) => v.toUpperCase()),
  firstName: z.string().trim().max(80).transform((v) => v.toUpperCase()),
  email: email.refine((v) => v !== '', 'Ingrese el e-mail del paciente.'),
  password: z.string().min(8, 'La contraseña debe tener al menos 8 caracteres.').max(200),
});
export type WebPatientCreate = z.infer<typeof webPatientCreateSchema>;
