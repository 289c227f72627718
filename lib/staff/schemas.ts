import '@/lib/validation/spanish';
import { z } from 'zod';

const password = z.string().min(8, 'La contraseña debe tener al menos 8 caracteres.').max(200);

export const staffUserSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,40}$/, 'El usuario debe tener de 3 a 40 letras, números, punto o guion, sin espacios.'),
  fullName: z.string().trim().min(2, 'Ingrese el nombre.').max(80, 'El nombre puede tener hasta 80 caracteres.'),
  role: z.enum(['admin', 'reception'], { error: 'Elija el rol.' }),
  /** Required to create; on edit, empty keeps the current password. */
  password: z.union([z.literal(''), password]),
});
export type StaffUserInput = z.infer<typeof staffUserSchema>;

export const roleLabels = { admin: 'Administrador', reception: 'Recepción' } as const;
