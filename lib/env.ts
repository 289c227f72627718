import './validation/spanish';
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

/** An optional whole number between min and max (environment variables are strings). */
const positiveInt = (min: number, max: number) =>
  optionalText.pipe(
    z.coerce
      .number<string | undefined>({ error: 'debe ser un número' })
      .int('debe ser un número entero')
      .min(min, `debe estar entre ${min} y ${max}`)
      .max(max, `debe estar entre ${min} y ${max}`)
      .optional(),
  );

const emailAddress = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/**
 * The environment an operator sets. Validated at start; a problem stops the server with a
 * message that names the variable, never a stack trace.
 */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce
      .number({ error: 'debe ser un número de puerto' })
      .int('debe ser un número entero')
      .min(1, 'debe estar entre 1 y 65535')
      .max(65535, 'debe estar entre 1 y 65535')
      .default(3000),
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\/.+/, 'debe ser una URL postgres://usuario:clave@servidor:5432/base')
        .optional(),
    ),
    DATA_DIR: optionalText,
    AUTH_SECRET: optionalText.pipe(
      z.string().min(32, 'debe tener al menos 32 caracteres (genere una con: openssl rand -base64 32)').optional(),
    ),
    AUTH_TRUST_HOST: optionalText.pipe(z.enum(['true', 'false'], { error: 'debe ser true o false' }).optional()),
    SMTP_URL: optionalText.pipe(
      z.string().regex(/^smtps?:\/\/.+/, 'debe ser una URL smtp://usuario:clave@servidor:587 o smtps://...').optional(),
    ),
    RESEND_API_KEY: optionalText.pipe(z.string().startsWith('re_', 'debe empezar con re_').optional()),
    MAIL_FROM: optionalText.pipe(
      z
        .string()
        .refine(
          (v) => emailAddress.test(v) || /^.+<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>$/.test(v),
          'debe ser una dirección de correo, p. ej. "Centro Médico <turnos@centro.com.ar>"',
        )
        .optional(),
    ),
    SMSMASIVOS_API_KEY: optionalText,
    SMSMASIVOS_USER: optionalText,
    SMSMASIVOS_PASSWORD: optionalText,
    LOG_FORMAT: optionalText.pipe(z.enum(['json', 'pretty'], { error: 'debe ser json o pretty' }).optional()),
    LOG_LEVEL: optionalText.pipe(z.enum(['debug', 'info', 'warn', 'error'], { error: 'debe ser debug, info, warn o error' }).optional()),
    OUTBOX_WORKER: optionalText.pipe(z.enum(['on', 'off'], { error: 'debe ser on u off' }).optional()),
    // The delivery worker's knobs (lib/messaging/worker.ts); defaults suit production.
    WORKER_LOCK_SECONDS: positiveInt(2, 3600),
    WORKER_POLL_MS: positiveInt(50, 60_000),
    WORKER_BATCH_SIZE: positiveInt(1, 100),
    SEED_ADMIN_USERNAME: optionalText.pipe(
      z.string().regex(/^[a-zA-Z0-9._-]{3,40}$/, 'debe tener de 3 a 40 letras, números, punto, guion o guion bajo').optional(),
    ),
    SEED_ADMIN_PASSWORD: optionalText.pipe(z.string().min(8, 'debe tener al menos 8 caracteres').optional()),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_URL && !env.AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_SECRET'],
        message: 'es obligatoria cuando se usa DATABASE_URL (genere una con: openssl rand -base64 32)',
      });
    }
    if (Boolean(env.SEED_ADMIN_USERNAME) !== Boolean(env.SEED_ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.SEED_ADMIN_USERNAME ? 'SEED_ADMIN_PASSWORD' : 'SEED_ADMIN_USERNAME'],
        message: 'SEED_ADMIN_USERNAME y SEED_ADMIN_PASSWORD van juntas',
      });
    }
    if (Boolean(env.SMSMASIVOS_USER) !== Boolean(env.SMSMASIVOS_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.SMSMASIVOS_USER ? 'SMSMASIVOS_PASSWORD' : 'SMSMASIVOS_USER'],
        message: 'SMSMASIVOS_USER y SMSMASIVOS_PASSWORD van juntas',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuración inválida:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses an environment; throws EnvError listing each bad variable by name. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((issue) => `${issue.path.join('.') || 'entorno'}: ${issue.message}`));
}
