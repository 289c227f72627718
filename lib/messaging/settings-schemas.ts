import '@/lib/validation/spanish';
import { z } from 'zod';

/**
 * CONFIGURAR ENVIO DE MAILS / SMS: the forms' schemas, shared with the server actions. Passwords
 * and API keys are write-only: an empty field means "keep the one saved".
 */

const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label}: hasta ${max} caracteres.`).default('');
const secret = (label: string) => z.string().max(500, `${label}: hasta 500 caracteres.`).default('');

/** "Centro Médico <turnos@centro.com.ar>" or a bare address. */
export function isSender(value: string): boolean {
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value) || /^[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>$/.test(value);
}

export const SECURITY_LABELS = { none: 'Ninguna', starttls: 'STARTTLS', tls: 'SSL/TLS' } as const;
export const MAIL_PROVIDER_LABELS = { dev: 'Desarrollo: solo registra', smtp: 'SMTP', resend: 'Resend' } as const;
export const SMS_PROVIDER_LABELS = { dev: 'Desarrollo: solo registra', smsmasivos: 'SMS Masivos' } as const;

export const mailSettingsSchema = z
  .object({
    provider: z.enum(['dev', 'smtp', 'resend'], { error: 'Elija el proveedor.' }),
    host: optionalText(200, 'Servidor SMTP'),
    port: z.string().trim().default(''),
    security: z.enum(['none', 'starttls', 'tls'], { error: 'Elija la seguridad.' }).default('starttls'),
    user: optionalText(200, 'Usuario'),
    password: secret('Contraseña'),
    apiKey: secret('Clave de API'),
    from: optionalText(200, 'Remitente'),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.provider === 'smtp') {
      if (!v.host) issue('host', 'Ingrese el servidor SMTP (por ejemplo smtp.suproveedor.com.ar).');
      else if (!/^[A-Za-z0-9.-]+$/.test(v.host)) issue('host', 'Servidor SMTP: solo el nombre o la IP, sin smtp:// ni espacios.');
      const port = Number(v.port);
      if (!/^\d+$/.test(v.port) || port < 1 || port > 65535) issue('port', 'Puerto: un número entre 1 y 65535 (habitualmente 587 o 465).');
    }
    if (v.provider !== 'dev' && !isSender(v.from)) issue('from', 'Remitente: una dirección como turnos@centro.com.ar o Centro Médico <turnos@centro.com.ar>.');
  });

export type MailSettingsInput = z.input<typeof mailSettingsSchema>;

export const smsSettingsSchema = z
  .object({
    provider: z.enum(['dev', 'smsmasivos'], { error: 'Elija el proveedor.' }),
    auth: z.enum(['user', 'apikey'], { error: 'Elija cómo se identifica.' }).default('user'),
    user: optionalText(100, 'Usuario'),
    password: secret('Clave'),
    apiKey: secret('Clave de API'),
  })
  .superRefine((v, ctx) => {
    if (v.provider === 'smsmasivos' && v.auth === 'user' && !v.user) {
      ctx.addIssue({ code: 'custom', path: ['user'], message: 'Ingrese el usuario que le dio SMS Masivos.' });
    }
  });

export type SmsSettingsInput = z.input<typeof smsSettingsSchema>;

export const mailTestSchema = z.object({
  to: z
    .string()
    .trim()
    .min(1, 'Ingrese la dirección a la que se envía la prueba.')
    .max(254)
    .refine((v) => /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(v), 'No es una dirección de correo válida.'),
});

export const smsTestSchema = z.object({
  to: z.string().trim().min(1, 'Ingrese el celular al que se envía la prueba.').max(40),
});
