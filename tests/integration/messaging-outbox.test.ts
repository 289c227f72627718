/**
 * DESIGN.md invariant 6: no message is sent twice, none is silently dropped. The outbox commits
 * with the caller's transaction; the worker delivers each message once and records the result.
 */
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { messages, providerSettings, workerHeartbeats } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secrets';
import { enqueueEmail, enqueueMany, enqueueSms } from '@/lib/messaging/outbox';
import { createTransportResolver } from '@/lib/messaging/transports/cached';
import { MailConfigError, resolveMailConfig } from '@/lib/messaging/transports/resolve';
import { TransportError } from '@/lib/messaging/transports/types';
import { startWorker } from '@/lib/messaging/worker-loop';
import { claimDueMessages, deliverClaimed, runWorkerOnce } from '@/lib/messaging/worker';
import { describeEachEngine } from '../support/db';
import { AUTH_SECRET_FOR_TESTS, draft, makeDue, messageById, recordingMail, secondsFromNow, silent } from './messaging-fakes';

describeEachEngine('outbox', (getCtx) => {
  beforeEach(() => {
    vi.stubEnv('AUTH_SECRET', AUTH_SECRET_FOR_TESTS);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('writes the message with the caller’s transaction: a rollback leaves nothing, a commit leaves it pending', async () => {
    const { db } = getCtx();
    await expect(
      db.transaction(async (tx) => {
        await enqueueEmail(tx, draft());
        throw new Error('booking failed');
      }),
    ).rejects.toThrow('booking failed');
    expect(await db.select().from(messages)).toHaveLength(0);

    const queued = await db.transaction((tx) => enqueueEmail(tx, draft({ attachments: [{ filename: 'turno.ics', contentType: 'text/calendar', content: 'QkVHSU4=' }] })));
    expect(queued.status).toBe('pending');
    const row = await messageById(db, queued.id);
    expect(row).toMatchObject({ status: 'pending', channel: 'email', recipient: 'ana@demo.com.ar', attempts: 0 });
    expect(row.attachments).toEqual([{ filename: 'turno.ics', contentType: 'text/calendar', content: 'QkVHSU4=' }]);
  });

  it('records an invalid recipient as an error in the send log, and never sends it', async () => {
    const { db } = getCtx();
    const bad = await enqueueEmail(db, draft({ recipient: 'ana@demo' }));
    expect(bad.status).toBe('error');
    expect(bad.error).toMatch(/Dirección de correo inválida: "ana@demo"/);
    const sms = await enqueueSms(db, { kind: 'reminder', recipient: '15-4444', bodyText: 'Recordatorio' });
    expect(sms.status).toBe('error');
    expect(sms.error).toMatch(/Número de celular inválido/);
    const good = await enqueueSms(db, { kind: 'reminder', recipient: '11 4444-5555', bodyText: 'Recordatorio' });
    expect((await messageById(db, good.id)).recipient).toBe('1144445555');

    const { calls, transports } = recordingMail();
    const result = await runWorkerOnce(db, transports, { log: silent });
    expect(result).toMatchObject({ claimed: 1, sent: 1 });
    expect(calls).toHaveLength(0);
    expect((await messageById(db, bad.id)).status).toBe('error');
    expect((await messageById(db, good.id)).provider).toBe('dev');
  });

  it('writes many messages at once with the same rules as one at a time', async () => {
    const { db } = getCtx();
    const later = new Date(Date.now() + 3_600_000);
    const written = await enqueueMany(db, [
      { channel: 'email', ...draft({ recipient: ' ana@demo.com.ar ', subject: 'Hola "ANA" <3>', bodyHtml: '<p>x</p>' }) },
      { channel: 'email', ...draft({ recipient: 'ana@demo' }) },
      { channel: 'sms', kind: 'reminder', recipient: '011 15 4444-5555', bodyText: 'ñandú á' },
      { channel: 'sms', kind: 'bulk', recipient: '15-4444', bodyText: 'x', status: 'draft', notBefore: later },
    ]);
    expect(written).toBe(4);
    const rows = await db.select().from(messages).orderBy(messages.id);
    expect(rows.map((r) => [r.channel, r.status, r.recipient])).toEqual([
      ['email', 'pending', 'ana@demo.com.ar'],
      ['email', 'error', 'ana@demo'],
      ['sms', 'pending', '0111544445555'],
      ['sms', 'error', '15-4444'],
    ]);
    expect(rows[0]).toMatchObject({ subject: 'Hola "ANA" <3>', bodyHtml: '<p>x</p>', kind: 'booking_confirmation' });
    expect(rows[1].error).toMatch(/Dirección de correo inválida/);
    expect(rows[2].bodyText).toBe('ñandú á');
    expect(rows[3].nextAttemptAt.getTime()).toBe(later.getTime());
  });

  it('delivers each pending message once and records provider, id and time', async () => {
    const { db } = getCtx();
    const ids = [];
    for (const to of ['a@demo.com.ar', 'b@demo.com.ar', 'c@demo.com.ar']) ids.push((await enqueueEmail(db, draft({ recipient: to }))).id);
    const later = await enqueueEmail(db, draft({ notBefore: new Date(Date.now() + 3600_000) }));
    const held = await enqueueEmail(db, draft({ status: 'draft' }));

    const { calls, transports } = recordingMail();
    expect(await runWorkerOnce(db, transports, { log: silent })).toEqual({ claimed: 3, sent: 3, retried: 0, failed: 0, released: 0, lost: 0, composed: 0, composeBacklog: false });
    expect((await runWorkerOnce(db, transports, { log: silent })).claimed).toBe(0);

    expect(calls.map((c) => c.id).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const row = await messageById(db, id);
      expect(row).toMatchObject({ status: 'sent', provider: 'fake', providerMessageId: `fake-${id}`, attempts: 1, lockedUntil: null });
      expect(row.sentAt).toBeInstanceOf(Date);
    }
    expect(calls[0].idempotencyKey).toMatch(new RegExp(`^turnos-${calls[0].id}-`));
    expect((await messageById(db, later.id)).status).toBe('pending');
    expect((await messageById(db, held.id)).status).toBe('draft');
  });

  it('retries a transient failure later, with backoff and the error text, then sends it', async () => {
    const { db } = getCtx();
    const { id } = await enqueueEmail(db, draft());
    const { calls, transports } = recordingMail((_m, n) => {
      if (n === 1) throw new TransportError('El servidor de correo respondió: 421 Try again later', { permanent: false });
      return { providerMessageId: 'ok-2' };
    });

    expect(await runWorkerOnce(db, transports, { log: silent })).toMatchObject({ claimed: 1, retried: 1 });
    const waiting = await messageById(db, id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, lockedUntil: null, provider: 'fake' });
    expect(waiting.error).toContain('421 Try again later');
    const wait = await secondsFromNow(db, waiting.nextAttemptAt);
    expect(wait).toBeGreaterThan(20); // 30 s ±20%
    expect(wait).toBeLessThan(40);

    expect((await runWorkerOnce(db, transports, { log: silent })).claimed).toBe(0); // not due yet
    await makeDue(db, id);
    expect(await runWorkerOnce(db, transports, { log: silent })).toMatchObject({ claimed: 1, sent: 1 });
    expect(await messageById(db, id)).toMatchObject({ status: 'sent', attempts: 2, error: null, providerMessageId: 'ok-2' });
    expect(calls).toHaveLength(2);
  });

  it('ends in error, with the provider’s text, on a permanent failure or after the last attempt', async () => {
    const { db } = getCtx();
    const rejected = await enqueueEmail(db, draft({ recipient: 'nadie@demo.com.ar' }));
    const { transports } = recordingMail((m) => {
      if (m.to === 'nadie@demo.com.ar') throw new TransportError('El servidor de correo respondió: 550 5.1.1 No such user', { permanent: true });
      throw new TransportError('connect ECONNREFUSED', { permanent: false });
    });
    const flaky = await enqueueEmail(db, draft({ recipient: 'flaky@demo.com.ar' }));
    const retry = { maxAttempts: 2, baseDelaySeconds: 30, maxDelaySeconds: 60, jitter: 0 };

    expect(await runWorkerOnce(db, transports, { retry, log: silent })).toMatchObject({ failed: 1, retried: 1 });
    expect(await messageById(db, rejected.id)).toMatchObject({
      status: 'error',
      attempts: 1,
      error: 'El servidor de correo respondió: 550 5.1.1 No such user',
    });
    await makeDue(db, flaky.id);
    expect(await runWorkerOnce(db, transports, { retry, log: silent })).toMatchObject({ failed: 1 });
    const gaveUp = await messageById(db, flaky.id);
    expect(gaveUp.status).toBe('error');
    expect(gaveUp.error).toBe('connect ECONNREFUSED (sin éxito tras 2 intentos)');
    expect((await runWorkerOnce(db, transports, { retry, log: silent })).claimed).toBe(0);
  });

  it('re-claims a message whose worker crashed once its lock expired; the stale worker cannot overwrite', async () => {
    const { db } = getCtx();
    const { id } = await enqueueEmail(db, draft());
    const [stale] = await claimDueMessages(db, { lockSeconds: 60, workerId: 'crashed' });
    expect(stale).toMatchObject({ id, status: 'sending', attempts: 1 });
    expect(await claimDueMessages(db, { lockSeconds: 60 })).toHaveLength(0); // still locked

    await db.update(messages).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(messages.id, id));
    const [again] = await claimDueMessages(db, { lockSeconds: 60 });
    expect(again).toMatchObject({ id, status: 'sending', attempts: 2 });
    const fresh = recordingMail(() => ({ providerMessageId: 'second-worker' }));
    expect(await deliverClaimed(db, again, fresh.transports, { log: silent })).toBe('sent');

    // The crashed worker comes back late: its result is not recorded over the real one.
    const late = recordingMail(() => ({ providerMessageId: 'stale-worker' }));
    expect(await deliverClaimed(db, stale, late.transports, { log: silent })).toBe('lost');
    expect(await messageById(db, id)).toMatchObject({ status: 'sent', providerMessageId: 'second-worker', attempts: 2 });
  });

  it('shows a broken mail configuration in the send log and keeps the message for later', async () => {
    const { db } = getCtx();
    await db.insert(providerSettings).values({ channel: 'email', provider: 'smtp', config: { port: 25 } });
    const { id } = await enqueueEmail(db, draft());
    const resolver = createTransportResolver();
    try {
      expect(await runWorkerOnce(db, (h) => resolver.resolve(h), { log: silent })).toMatchObject({ retried: 1 });
    } finally {
      await resolver.close();
    }
    const row = await messageById(db, id);
    expect(row.status).toBe('pending');
    expect(row.error).toMatch(/configuración SMTP está incompleta/);
  });

  it('picks the provider: admin settings, else SMTP_URL, else RESEND_API_KEY, else dev', async () => {
    const { db } = getCtx();
    expect(await resolveMailConfig(db, {})).toEqual({ provider: 'dev' });
    expect(await resolveMailConfig(db, { SMTP_URL: 'smtp://u:p@mail.demo.com.ar:2525', MAIL_FROM: 'Centro <turnos@demo.com.ar>' })).toMatchObject({
      provider: 'smtp',
      host: 'mail.demo.com.ar',
      port: 2525,
      user: 'u',
      password: 'p',
      from: 'Centro <turnos@demo.com.ar>',
    });
    expect(await resolveMailConfig(db, { RESEND_API_KEY: 're_123', MAIL_FROM: 'turnos@demo.com.ar' })).toMatchObject({
      provider: 'resend',
      apiKey: 're_123',
    });
    await expect(resolveMailConfig(db, { RESEND_API_KEY: 're_123' })).rejects.toThrow(MailConfigError);

    // A 'dev' row is the fresh-install default, not a choice that overrides the environment.
    await db.insert(providerSettings).values({ channel: 'email', provider: 'dev' });
    expect(await resolveMailConfig(db, { SMTP_URL: 'smtp://mail.demo.com.ar', MAIL_FROM: 'a@demo.com.ar' })).toMatchObject({ provider: 'smtp' });

    await db
      .update(providerSettings)
      .set({
        provider: 'smtp',
        config: { host: 'smtp.centro.com.ar', port: 465, security: 'tls', user: 'turnos@centro.com.ar', from: 'Centro <turnos@centro.com.ar>' },
        secretEncrypted: encryptSecret('clave-smtp', AUTH_SECRET_FOR_TESTS),
      })
      .where(eq(providerSettings.channel, 'email'));
    expect(await resolveMailConfig(db, { SMTP_URL: 'smtp://ignored' })).toEqual({
      provider: 'smtp',
      host: 'smtp.centro.com.ar',
      port: 465,
      security: 'tls',
      user: 'turnos@centro.com.ar',
      password: 'clave-smtp',
      from: 'Centro <turnos@centro.com.ar>',
    });

    await db
      .update(providerSettings)
      .set({ secretEncrypted: encryptSecret('clave-smtp', 'another-secret-'.padEnd(40, 'y')) })
      .where(eq(providerSettings.channel, 'email'));
    await expect(resolveMailConfig(db, {})).rejects.toThrow(/No se pudo descifrar la contraseña SMTP/);
  });

  it('the loop delivers with the default (dev) transport on a fresh install and beats its heartbeat', async () => {
    const { db } = getCtx();
    const worker = startWorker(db, { workerId: 'outbox@test', pollMs: 50, log: silent });
    try {
      const { id } = await enqueueEmail(db, draft());
      worker.wake();
      await vi.waitFor(async () => expect((await messageById(db, id)).status).toBe('sent'), { timeout: 10_000, interval: 50 });
      expect(await messageById(db, id)).toMatchObject({ provider: 'dev' });
    } finally {
      await worker.stop();
    }
    const beats = await db.select().from(workerHeartbeats).where(eq(workerHeartbeats.name, 'outbox@test'));
    expect(beats).toHaveLength(1);
  });
});
