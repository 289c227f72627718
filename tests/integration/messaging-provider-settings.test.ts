/**
 * CONFIGURAR ENVIO DE MAILS / SMS: saving encrypts the secret and never gives it back (screen or
 * audit), an empty secret field keeps the saved one, and "Probar" answers with the server's words.
 */
import type { AddressInfo } from 'node:net';
import { asc, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import * as s from '@/db/schema';
import type { CatalogActor } from '@/lib/catalog/mutation';
import { decryptSecret } from '@/lib/crypto/secrets';
import { getMailSettingsView, getSmsSettingsView, saveMailSettings, saveSmsSettings } from '@/lib/messaging/provider-settings';
import { sendTestMail, sendTestSms, smsBalance } from '@/lib/messaging/provider-test';
import { describeEachEngine } from '../support/db';
import { FAKE_PASSWORD, FAKE_USER, startSmsMasivosFake, type SmsMasivosFake } from '../support/smsmasivos-fake';
import { AUTH_SECRET_FOR_TESTS } from './messaging-fakes';

const actor: CatalogActor = { staffId: 5, label: 'admin', ip: '198.51.100.7' };
const received: string[] = [];
let smtp: SMTPServer;
let smtpPort: number;
let fake: SmsMasivosFake;

beforeAll(async () => {
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'turnos' && auth.password === 'clave-smtp') return callback(null, { user: 'turnos' });
      callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received.push(session.envelope.rcptTo.map((r) => r.address).join(','));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  fake = await startSmsMasivosFake(50);
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await fake.close();
});

const smtpForm = (overrides: Record<string, string> = {}) => ({
  provider: 'smtp' as const,
  host: '127.0.0.1',
  port: String(smtpPort),
  security: 'none' as const,
  user: 'turnos',
  password: 'clave-smtp',
  apiKey: '',
  from: 'Centro Médico Demo <turnos@demo.com.ar>',
  ...overrides,
});

async function stored(db: Db, channel: 'email' | 'sms') {
  const [row] = await db.select().from(s.providerSettings).where(eq(s.providerSettings.channel, channel));
  return row;
}

async function audit(db: Db) {
  return db.select().from(s.auditLog).where(eq(s.auditLog.entity, 'provider_settings')).orderBy(asc(s.auditLog.id));
}

describeEachEngine('configurar envío de mails y SMS', (getCtx) => {
  beforeEach(async () => {
    vi.stubEnv('AUTH_SECRET', AUTH_SECRET_FOR_TESTS);
    vi.stubEnv('RESEND_API_KEY', '');
    received.length = 0;
    await getCtx().db.insert(s.staffUsers).values({ id: 5, username: 'admin', fullName: 'Admin', passwordHash: 'x', role: 'admin' });
  });
  afterEach(() => vi.unstubAllEnvs());

  it('SMTP: the password is stored encrypted, kept when left empty, never shown nor audited', async () => {
    const { db } = getCtx();
    expect(await saveMailSettings(db, actor, smtpForm())).toMatchObject({ ok: true });
    let row = await stored(db, 'email');
    expect(row.provider).toBe('smtp');
    expect(row.secretEncrypted).not.toContain('clave-smtp');
    expect(decryptSecret(row.secretEncrypted!, AUTH_SECRET_FOR_TESTS)).toBe('clave-smtp');
    expect(JSON.stringify(row.config)).not.toContain('clave-smtp');

    expect(await saveMailSettings(db, actor, smtpForm({ password: '', user: 'turnos' }))).toMatchObject({ ok: true });
    row = await stored(db, 'email');
    expect(decryptSecret(row.secretEncrypted!, AUTH_SECRET_FOR_TESTS)).toBe('clave-smtp');

    const view = await getMailSettingsView(db);
    expect(view).toMatchObject({ passwordStored: true, apiKeyStored: false, values: { provider: 'smtp', host: '127.0.0.1', port: String(smtpPort), password: '' } });
    expect(JSON.stringify(view)).not.toContain('clave-smtp');

    const entries = await audit(db);
    expect(entries.map((e) => e.action)).toEqual(['mail_settings.update', 'mail_settings.update']);
    expect(entries[0]).toMatchObject({ actorId: 5, entityId: 'email', before: null, after: { provider: 'smtp', secretStored: true, secretChanged: true } });
    expect(entries[1].after).not.toHaveProperty('secretChanged');
    expect(JSON.stringify(entries)).not.toContain('clave-smtp');
    expect(JSON.stringify(entries)).not.toContain(row.secretEncrypted);
  });

  it('Resend needs its key; one provider’s secret never serves another; Desarrollo keeps it for later', async () => {
    const { db } = getCtx();
    await saveMailSettings(db, actor, smtpForm());
    const resend = { ...smtpForm({ password: '' }), provider: 'resend' as const };
    expect(await saveMailSettings(db, actor, resend)).toEqual({ ok: false, error: 'Revise los datos marcados.', fieldErrors: { apiKey: 'Ingrese la clave: todavía no hay una guardada.' } });
    expect((await stored(db, 'email')).provider).toBe('smtp');

    expect(await saveMailSettings(db, actor, { ...resend, apiKey: 're_123' })).toMatchObject({ ok: true });
    expect(await getMailSettingsView(db)).toMatchObject({ passwordStored: false, apiKeyStored: true });
    expect(await saveMailSettings(db, actor, { ...resend, provider: 'dev' })).toMatchObject({ ok: true });
    expect(await saveMailSettings(db, actor, resend)).toMatchObject({ ok: true });
    expect(decryptSecret((await stored(db, 'email')).secretEncrypted!, AUTH_SECRET_FOR_TESTS)).toBe('re_123');
    // Back to SMTP without typing the password: the Resend key is not sent as an SMTP password.
    expect(await saveMailSettings(db, actor, smtpForm({ password: '' }))).toMatchObject({ ok: true });
    expect((await stored(db, 'email')).secretEncrypted).toBeNull();
  });

  it('refuses incomplete SMTP data next to each field and writes nothing', async () => {
    const { db } = getCtx();
    const result = await saveMailSettings(db, actor, smtpForm({ host: 'smtp://mal host', port: '70000', from: 'nadie' }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { host: expect.stringContaining('Servidor SMTP'), port: expect.stringContaining('Puerto'), from: expect.stringContaining('Remitente') } });
    expect(await stored(db, 'email')).toBeUndefined();
    expect(await audit(db)).toEqual([]);
  });

  it('Probar mail: sends now and shows the server’s answer, or its refusal', async () => {
    const { db } = getCtx();
    expect(await sendTestMail(db, 'ana@demo.com.ar', 'CENTRO')).toMatchObject({ ok: true, provider: 'dev' });
    await saveMailSettings(db, actor, smtpForm());
    const ok = await sendTestMail(db, 'ana@demo.com.ar', 'CENTRO');
    expect(ok).toMatchObject({ ok: true, provider: 'smtp', answer: expect.stringMatching(/^250 /) });
    expect(received).toEqual(['ana@demo.com.ar']);
    // Nothing went through the outbox.
    expect(await db.select().from(s.messages)).toEqual([]);

    await saveMailSettings(db, actor, smtpForm({ password: 'otra' }));
    const refused = await sendTestMail(db, 'ana@demo.com.ar', 'CENTRO');
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/535.*Authentication credentials invalid/) });
  });

  it('SMS Masivos: clave stored encrypted; Probar normalises the number, reports invalid ones, shows answer and balance', async () => {
    const { db } = getCtx();
    const form = { provider: 'smsmasivos' as const, auth: 'user' as const, user: FAKE_USER, password: '', apiKey: '' };
    expect(await saveSmsSettings(db, actor, form)).toMatchObject({ ok: false, fieldErrors: { password: expect.any(String) } });
    expect(await saveSmsSettings(db, actor, { ...form, password: FAKE_PASSWORD })).toMatchObject({ ok: true });
    const row = await stored(db, 'sms');
    expect(decryptSecret(row.secretEncrypted!, AUTH_SECRET_FOR_TESTS)).toBe(FAKE_PASSWORD);
    // The fake's address, as an operator would point a test install at it.
    await db.update(s.providerSettings).set({ config: { ...(row.config as object), baseUrl: fake.baseUrl } }).where(eq(s.providerSettings.channel, 'sms'));
    const view = await getSmsSettingsView(db);
    expect(view).toMatchObject({ passwordStored: true, apiKeyStored: false, values: { provider: 'smsmasivos', user: FAKE_USER, password: '' } });
    expect(JSON.stringify(view)).not.toContain(FAKE_PASSWORD);
    expect(JSON.stringify(await audit(db))).not.toContain(FAKE_PASSWORD);

    expect(await sendTestSms(db, '4444-5555', 'CENTRO')).toMatchObject({ ok: false, error: expect.stringContaining('Número de celular inválido') });
    fake.balance = 50;
    const before = fake.sent.length;
    expect(await sendTestSms(db, '011 15 4444-5555', 'CENTRO')).toMatchObject({ ok: true, provider: 'smsmasivos', answer: 'OK', normalised: '1144445555', balance: 49 });
    expect(fake.sent.slice(before)).toMatchObject([{ tos: '1144445555', texto: 'Prueba de SMS de CENTRO' }]);
    expect(await smsBalance(db)).toEqual({ ok: true, balance: 49 });

    // A new clave typed replaces the old one; a wrong one shows the provider's refusal.
    expect(await saveSmsSettings(db, actor, { ...form, password: 'mala' })).toMatchObject({ ok: true });
    expect(await sendTestSms(db, '1144445555', 'CENTRO')).toEqual({ ok: false, error: 'SMS Masivos respondió: Usuario o clave incorrectos' });
  });
});
