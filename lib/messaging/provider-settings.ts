import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { providerSettings, type ProviderSettings } from '@/db/schema';
import { writeAudit } from '@/lib/audit/log';
import type { CatalogActor, CatalogResult } from '@/lib/catalog/mutation';
import { validate } from '@/lib/catalog/mutation';
import { encryptSecret } from '@/lib/crypto/secrets';
import { mailSettingsSchema, smsSettingsSchema, type MailSettingsInput, type SmsSettingsInput } from './settings-schemas';

/**
 * CONFIGURAR ENVIO DE MAILS / SMS, saved in provider_settings. The secret (SMTP password, Resend
 * key, SMS Masivos clave or key) is encrypted (lib/crypto/secrets.ts), never read back to the
 * screen and never written to the audit log. `config.secretFor` says whose secret it is, so
 * switching provider never hands one provider's key to another, while switching to Desarrollo
 * and back keeps it.
 */

type Channel = 'email' | 'sms';
type Config = Record<string, unknown>;

async function current(tx: DbOrTx, channel: Channel): Promise<ProviderSettings | null> {
  const [row] = await tx.select().from(providerSettings).where(eq(providerSettings.channel, channel)).for('update');
  return row ?? null;
}

/** What the audit keeps: everything but the secret, and whether one is stored or changed. */
function audited(row: Pick<ProviderSettings, 'provider' | 'config' | 'secretEncrypted'> | null, secretChanged = false) {
  if (!row) return null;
  return { provider: row.provider, config: row.config, secretStored: !!row.secretEncrypted, ...(secretChanged ? { secretChanged } : {}) };
}

async function save(
  db: Db,
  actor: CatalogActor,
  channel: Channel,
  provider: string,
  decide: (before: ProviderSettings | null) => { config: Config; secret: { keep: true } | { set: string } | { missing: string } | { clear: true } },
): Promise<CatalogResult<{ id: number }>> {
  return db.transaction(async (tx) => {
    const before = await current(tx, channel);
    const { config, secret } = decide(before);
    if ('missing' in secret) return { ok: false as const, error: 'Revise los datos marcados.', fieldErrors: { [secret.missing]: 'Ingrese la clave: todavía no hay una guardada.' } };
    const secretEncrypted = 'set' in secret ? encryptSecret(secret.set) : 'clear' in secret ? null : (before?.secretEncrypted ?? null);
    const values = { provider, config, secretEncrypted, updatedAt: sql`now()`, updatedByStaffId: actor.staffId };
    const [after] = await tx
      .insert(providerSettings)
      .values({ channel, ...values })
      .onConflictDoUpdate({ target: providerSettings.channel, set: values })
      .returning();
    await writeAudit(tx, { kind: 'staff', staffId: actor.staffId, label: actor.label }, {
      action: channel === 'email' ? 'mail_settings.update' : 'sms_settings.update',
      entity: 'provider_settings',
      entityId: channel,
      before: audited(before),
      after: audited(after, 'set' in secret),
      ip: actor.ip,
    });
    return { ok: true as const, id: 1 };
  });
}

const previous = (row: ProviderSettings | null): Config => (row?.config && typeof row.config === 'object' ? (row.config as Config) : {});

export async function saveMailSettings(db: Db, actor: CatalogActor, raw: MailSettingsInput): Promise<CatalogResult<{ id: number }>> {
  const input = validate(mailSettingsSchema, raw);
  if (!input.ok) return input;
  const v = input.data;
  return save(db, actor, 'email', v.provider, (before) => {
    const old = previous(before);
    const ownSecret = (owner: string) => old.secretFor === owner && !!before?.secretEncrypted;
    if (v.provider === 'smtp') {
      const config = { ...old, host: v.host, port: Number(v.port), security: v.security, user: v.user, from: v.from, secretFor: 'smtp' };
      // An SMTP server may need no login (a local relay): no password is fine.
      if (v.password) return { config, secret: { set: v.password } };
      return { config, secret: ownSecret('smtp') ? { keep: true } : { clear: true } };
    }
    if (v.provider === 'resend') {
      const config = { ...old, from: v.from, secretFor: 'resend' };
      if (v.apiKey) return { config, secret: { set: v.apiKey } };
      if (ownSecret('resend')) return { config, secret: { keep: true } };
      // RESEND_API_KEY set by the operator is used when no key is stored (resolve.ts).
      return { config, secret: process.env.RESEND_API_KEY?.trim() ? { clear: true } : { missing: 'apiKey' } };
    }
    return { config: old, secret: { keep: true } };
  });
}

export async function saveSmsSettings(db: Db, actor: CatalogActor, raw: SmsSettingsInput): Promise<CatalogResult<{ id: number }>> {
  const input = validate(smsSettingsSchema, raw);
  if (!input.ok) return input;
  const v = input.data;
  return save(db, actor, 'sms', v.provider, (before) => {
    const old = previous(before);
    if (v.provider === 'dev') return { config: old, secret: { keep: true } };
    const owner = v.auth === 'apikey' ? 'smsmasivos-apikey' : 'smsmasivos-user';
    const config = { ...old, auth: v.auth, user: v.user, secretFor: owner };
    const typed = v.auth === 'apikey' ? v.apiKey : v.password;
    if (typed) return { config, secret: { set: typed } };
    if (old.secretFor === owner && before?.secretEncrypted) return { config, secret: { keep: true } };
    return { config, secret: { missing: v.auth === 'apikey' ? 'apiKey' : 'password' } };
  });
}

/** What the screens show: the saved values without the secret, only whether one is stored. */
export interface MailSettingsView {
  values: MailSettingsInput;
  passwordStored: boolean;
  apiKeyStored: boolean;
  updatedAt: Date | null;
}

const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback);

export async function getMailSettingsView(db: DbOrTx): Promise<MailSettingsView> {
  const [row] = await db.select().from(providerSettings).where(eq(providerSettings.channel, 'email'));
  const c = previous(row ?? null);
  const provider = row?.provider === 'smtp' || row?.provider === 'resend' ? row.provider : 'dev';
  const security = c.security === 'none' || c.security === 'tls' ? c.security : 'starttls';
  return {
    values: { provider, host: str(c.host), port: str(c.port, '587'), security, user: str(c.user), from: str(c.from), password: '', apiKey: '' },
    passwordStored: c.secretFor === 'smtp' && !!row?.secretEncrypted,
    apiKeyStored: c.secretFor === 'resend' && !!row?.secretEncrypted,
    updatedAt: row?.updatedAt ?? null,
  };
}

export interface SmsSettingsView {
  values: SmsSettingsInput;
  passwordStored: boolean;
  apiKeyStored: boolean;
  updatedAt: Date | null;
}

export async function getSmsSettingsView(db: DbOrTx): Promise<SmsSettingsView> {
  const [row] = await db.select().from(providerSettings).where(eq(providerSettings.channel, 'sms'));
  const c = previous(row ?? null);
  return {
    values: { provider: row?.provider === 'smsmasivos' ? 'smsmasivos' : 'dev', auth: c.auth === 'apikey' ? 'apikey' : 'user', user: str(c.user), password: '', apiKey: '' },
    passwordStored: c.secretFor === 'smsmasivos-user' && !!row?.secretEncrypted,
    apiKeyStored: c.secretFor === 'smsmasivos-apikey' && !!row?.secretEncrypted,
    updatedAt: row?.updatedAt ?? null,
  };
}
