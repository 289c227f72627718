import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { providerSettings } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto/secrets';
import { isValidEmail } from '../recipients';
import { createDevMailTransport, createDevSmsTransport } from './dev';
import { createResendTransport, type ResendConfig } from './resend';
import { createSmsMasivosTransport, type SmsMasivosConfig } from './smsmasivos';
import { createSmtpTransport, smtpConfigFromUrl, type SmtpConfig } from './smtp';
import { TransportError, type MailTransport, type OutgoingEmail, type OutgoingSms, type SmsTransport } from './types';

/**
 * Which provider delivers mail: the admin's CONFIGURAR ENVIO DE MAILS (provider_settings) when
 * set to something other than 'dev', else SMTP_URL, else RESEND_API_KEY, else the development
 * transport that only records.
 */
export type MailConfig =
  | { provider: 'dev' }
  | ({ provider: 'smtp' } & SmtpConfig)
  | ({ provider: 'resend' } & ResendConfig);

export type SmsConfig = { provider: 'dev' } | ({ provider: 'smsmasivos' } & SmsMasivosConfig);

type EnvSource = Record<string, string | undefined>;

/** A configuration that cannot work; its message is shown to staff in the send log. */
export class MailConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailConfigError';
  }
}

const smtpSettings = z.object({
  host: z.string().trim().min(1),
  port: z.coerce.number().int().min(1).max(65535),
  security: z.enum(['none', 'starttls', 'tls']).default('starttls'),
  user: z.string().trim().optional(),
  from: z.string().trim().optional(),
});

const resendSettings = z.object({
  from: z.string().trim().optional(),
  baseUrl: z.string().url().optional(),
});

const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

function senderOrThrow(...candidates: (string | undefined)[]): string {
  const from = candidates.find((c) => c && (isValidEmail(c) || /<[^<>\s]+@[^<>\s]+>\s*$/.test(c)));
  if (!from) throw new MailConfigError('Falta el remitente de los mails: complete "De" en Configurar envío de mails o MAIL_FROM.');
  return from;
}

function unsealed(sealed: string | null, what: string): string | undefined {
  if (!sealed) return undefined;
  const plain = decryptSecret(sealed);
  if (plain === null) {
    throw new MailConfigError(`No se pudo descifrar ${what} (¿cambió AUTH_SECRET?): vuelva a cargarla en Configurar envío de mails.`);
  }
  return plain;
}

export async function resolveMailConfig(db: DbOrTx, env: EnvSource = process.env): Promise<MailConfig> {
  const [row] = await db.select().from(providerSettings).where(eq(providerSettings.channel, 'email'));
  const mailFrom = text(env.MAIL_FROM);
  if (row && row.provider === 'smtp') {
    const parsed = smtpSettings.safeParse(row.config);
    if (!parsed.success) throw new MailConfigError('La configuración SMTP está incompleta: revise servidor y puerto.');
    const { from, ...rest } = parsed.data;
    return {
      provider: 'smtp',
      ...rest,
      user: text(rest.user),
      password: unsealed(row.secretEncrypted, 'la contraseña SMTP'),
      from: senderOrThrow(from, mailFrom, rest.user),
    };
  }
  if (row && row.provider === 'resend') {
    const parsed = resendSettings.safeParse(row.config);
    if (!parsed.success) throw new MailConfigError('La configuración de Resend es inválida.');
    const apiKey = unsealed(row.secretEncrypted, 'la clave de Resend') ?? text(env.RESEND_API_KEY);
    if (!apiKey) throw new MailConfigError('Falta la clave de API de Resend.');
    return { provider: 'resend', apiKey, from: senderOrThrow(parsed.data.from, mailFrom), baseUrl: parsed.data.baseUrl };
  }
  if (row && row.provider !== 'dev') throw new MailConfigError(`Proveedor de correo desconocido: ${row.provider}`);

  const smtpUrl = text(env.SMTP_URL);
  if (smtpUrl) {
    const config = smtpConfigFromUrl(smtpUrl, '');
    return { provider: 'smtp', ...config, from: senderOrThrow(mailFrom, config.user) };
  }
  const resendKey = text(env.RESEND_API_KEY);
  if (resendKey) return { provider: 'resend', apiKey: resendKey, from: senderOrThrow(mailFrom) };
  return { provider: 'dev' };
}

export function createMailTransport(config: MailConfig, options: { log?: (line: string) => void } = {}): MailTransport {
  switch (config.provider) {
    case 'smtp':
      return createSmtpTransport(config);
    case 'resend':
      return createResendTransport(config);
    default:
      return createDevMailTransport(options);
  }
}

export async function resolveMailTransport(db: DbOrTx, env: EnvSource = process.env): Promise<MailTransport> {
  return createMailTransport(await resolveMailConfig(db, env));
}

const smsMasivosSettings = z.object({
  /** 'user': usuario + clave; 'apikey': an API key. The secret is the clave or the key. */
  auth: z.enum(['user', 'apikey']).default('user'),
  user: z.string().trim().optional(),
  baseUrl: z.string().url().optional(),
});

/**
 * CONFIGURAR ENVIO DE SMS (provider_settings): SMS Masivos with usuario + clave or an API key when
 * chosen there; else SMSMASIVOS_API_KEY or SMSMASIVOS_USER + SMSMASIVOS_PASSWORD; else the
 * development transport that only records.
 */
export async function resolveSmsConfig(db: DbOrTx, env: EnvSource = process.env): Promise<SmsConfig> {
  const [row] = await db.select().from(providerSettings).where(eq(providerSettings.channel, 'sms'));
  if (!row || row.provider === 'dev') {
    // Operators may configure it by environment instead (README): the admin's choice wins when set.
    const baseUrl = text(env.SMSMASIVOS_BASE_URL);
    const apiKey = text(env.SMSMASIVOS_API_KEY);
    if (apiKey) return { provider: 'smsmasivos', apiKey, baseUrl };
    const user = text(env.SMSMASIVOS_USER);
    const password = text(env.SMSMASIVOS_PASSWORD);
    if (user && password) return { provider: 'smsmasivos', user, password, baseUrl };
    return { provider: 'dev' };
  }
  if (row.provider !== 'smsmasivos') throw new MailConfigError(`Proveedor de SMS desconocido: ${row.provider}`);
  const parsed = smsMasivosSettings.safeParse(row.config);
  if (!parsed.success) throw new MailConfigError('La configuración de SMS Masivos es inválida.');
  const { auth, user, baseUrl } = parsed.data;
  const secret = unsealed(row.secretEncrypted, auth === 'apikey' ? 'la clave de API de SMS Masivos' : 'la clave de SMS Masivos');
  const base = baseUrl ?? text(env.SMSMASIVOS_BASE_URL);
  if (auth === 'apikey') {
    if (!secret) throw new MailConfigError('Falta la clave de API de SMS Masivos: complétela en Configurar envío de SMS.');
    return { provider: 'smsmasivos', apiKey: secret, baseUrl: base };
  }
  if (!text(user) || !secret) throw new MailConfigError('Faltan el usuario o la clave de SMS Masivos: complételos en Configurar envío de SMS.');
  return { provider: 'smsmasivos', user: text(user), password: secret, baseUrl: base };
}

export function createSmsTransport(config: SmsConfig, options: { log?: (line: string) => void } = {}): SmsTransport {
  return config.provider === 'smsmasivos' ? createSmsMasivosTransport(config) : createDevSmsTransport(options);
}

export async function resolveSmsTransport(db: DbOrTx, env: EnvSource = process.env): Promise<SmsTransport> {
  return createSmsTransport(await resolveSmsConfig(db, env));
}

/**
 * A transport that fails every send with `reason`: what the worker uses when a channel's
 * configuration is broken, so each affected message records why it is waiting.
 */
export function unavailableMailTransport(reason: string): MailTransport {
  return {
    name: 'unconfigured',
    async send(_message: OutgoingEmail): Promise<never> {
      throw new TransportError(reason, { permanent: false });
    },
  };
}

export function unavailableSmsTransport(reason: string): SmsTransport {
  return {
    name: 'unconfigured',
    async send(_message: OutgoingSms): Promise<never> {
      throw new TransportError(reason, { permanent: false });
    },
  };
}
