/**
 * Resend through the real SDK, pointed (RESEND_BASE_URL) at a local fake of its API
 * (tests/support/resend-fake.ts) that answers like the real one: ids, `{ statusCode, name, message }`
 * errors, its 2 requests/s limit with 429 + retry-after, batches of up to 100 in permissive mode,
 * and Idempotency-Key replay (same key + same body = first answer, nothing sent; other body = 409).
 * Mail without attachments goes in batches (POST /emails/batch), mail with them one by one.
 */
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { messages, providerSettings } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secrets';
import { enqueueEmail } from '@/lib/messaging/outbox';
import { createTransportResolver, type TransportResolver } from '@/lib/messaging/transports/cached';
import { claimDueMessages, runWorkerOnce } from '@/lib/messaging/worker';
import { describeEachEngine } from '../support/db';
import { startResendFake, type FakeResendEmail, type ResendFake } from '../support/resend-fake';
import { AUTH_SECRET_FOR_TESTS, draft, makeDue, messageById, recordingMail, secondsFromNow, silent } from './messaging-fakes';

const API_KEY = 're_test_123456';
const FROM = 'Centro Médico Demo <turnos@demo.com.ar>';
let fake: ResendFake;

beforeAll(async () => {
  fake = await startResendFake({ apiKey: API_KEY });
});
afterAll(async () => {
  await fake.close();
});

const ICS = [{ filename: 'turno.ics', contentType: 'text/calendar; charset=utf-8', content: 'QkVHSU46VkNBTEVOREFS' }];

async function enqueueMany(db: Db, count: number, recipient = (i: number) => `paciente${i}@demo.com.ar`) {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 500) {
    const rows = await db
      .insert(messages)
      .values(
        Array.from({ length: Math.min(500, count - i) }, (_, k) => ({
          channel: 'email' as const,
          kind: 'reminder' as const,
          recipient: recipient(i + k),
          subject: `Recordatorio ${i + k}`,
          bodyText: `Hola ${i + k}`,
          bodyHtml: `<p>Hola ${i + k}</p>`,
        })),
      )
      .returning({ id: messages.id });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

const rowsOf = (db: Db, ids: number[]) => db.select().from(messages).where(inArray(messages.id, ids)).orderBy(asc(messages.id));

/** As if the worker died after Resend accepted, before recording: rows 'sending', lock expired. */
async function crashAfterAccepted(db: Db, ids: number[]) {
  await db
    .update(messages)
    .set({ status: 'sending', providerMessageId: null, sentAt: null, lockedUntil: sql`now() - interval '1 second'` })
    .where(inArray(messages.id, ids));
}

const batchCalls = () => fake.requests.filter((r) => r.path === '/emails/batch');
/** Batch requests the fake processed: not the ones its rate limit turned away (a loaded machine's late arrivals). */
const answeredBatches = () => batchCalls().filter((r) => r.status !== 429);

describeEachEngine('Resend delivery', (getCtx) => {
  let resolver: TransportResolver;

  beforeEach(async () => {
    fake.reset();
    vi.stubEnv('AUTH_SECRET', AUTH_SECRET_FOR_TESTS);
    vi.stubEnv('RESEND_BASE_URL', fake.baseUrl);
    resolver = createTransportResolver();
    await getCtx().db.insert(providerSettings).values({
      channel: 'email',
      provider: 'resend',
      config: { from: FROM },
      secretEncrypted: encryptSecret(API_KEY, AUTH_SECRET_FOR_TESTS),
    });
  });
  afterEach(async () => {
    await resolver.close();
    vi.unstubAllEnvs();
  });

  const run = () => runWorkerOnce(getCtx().db, (h) => resolver.resolve(h), { log: silent });

  it('a mail with an attachment goes alone, with the API key, its own Idempotency-Key, our text part and the attachment', async () => {
    const { db } = getCtx();
    const { id } = await enqueueEmail(db, draft({ recipient: 'juan@demo.com.ar', attachments: ICS }));
    expect(await run()).toMatchObject({ sent: 1 });
    expect(fake.requests).toHaveLength(1);
    const [call] = fake.requests;
    expect(call.path).toBe('/emails');
    expect(call.authorization).toBe(`Bearer ${API_KEY}`);
    expect(call.idempotencyKey).toMatch(new RegExp(`^turnos-${id}-`));
    expect(call.body).toMatchObject({ from: FROM, to: ['juan@demo.com.ar'], subject: 'Turno confirmado', text: 'Hola ANA', html: '<p>Hola ANA</p>' });
    expect((call.body as FakeResendEmail).attachments).toEqual([{ filename: 'turno.ics', content: 'QkVHSU46VkNBTEVOREFS', content_type: 'text/calendar; charset=utf-8' }]);
    expect(await messageById(db, id)).toMatchObject({ status: 'sent', provider: 'resend', providerMessageId: fake.delivered[0].id, deliveryGroup: null });
  });

  it('250 mails go in 3 requests of at most 100, within 2 requests/s, each row with its own Resend id', async () => {
    const { db } = getCtx();
    const ids = await enqueueMany(db, 250);
    const alone = await enqueueEmail(db, draft({ recipient: 'juan@demo.com.ar', attachments: ICS }));
    expect(await run()).toMatchObject({ claimed: 251, sent: 251, retried: 0, failed: 0, lost: 0 });

    const accepted = batchCalls().filter((r) => r.status === 200);
    expect(accepted.map((r) => (r.body as unknown[]).length)).toEqual([100, 100, 50]);
    expect(fake.requests.filter((r) => r.path === '/emails')).toHaveLength(1);
    // The fake enforces Resend's 2 requests per second on arrival: the transport spaces its
    // requests under it, so at most a late arrival on a loaded machine meets a 429, which is
    // waited out and repeated with the same key.
    const limited = fake.requests.filter((r) => r.status === 429);
    expect(limited.length).toBeLessThanOrEqual(1);
    for (const r of limited) expect(accepted.map((a) => a.idempotencyKey)).toContain(r.idempotencyKey);
    const gaps = fake.requests.slice(1).map((r, i) => r.receivedAt - fake.requests[i].receivedAt);
    // 550 ms apart when sent, less any arrival jitter (unpaced, they come 10-20 ms apart).
    expect(Math.min(...gaps)).toBeGreaterThan(100);
    for (const call of batchCalls()) expect(call.batchValidation).toBe('permissive');

    expect(fake.delivered).toHaveLength(251);
    const idByRecipient = new Map(fake.delivered.map((d) => [d.to[0], d.id]));
    const rows = await rowsOf(db, ids);
    for (const [i, row] of rows.entries()) {
      expect(row).toMatchObject({ status: 'sent', provider: 'resend', attempts: 1, error: null });
      expect(row.providerMessageId).toBe(idByRecipient.get(`paciente${i}@demo.com.ar`));
    }
    // Groups are persisted: leaders are the first id of each hundred, keys derive from them.
    expect(new Set(rows.map((r) => r.deliveryGroup))).toEqual(new Set([ids[0], ids[100], ids[200]]));
    expect(accepted[1].idempotencyKey).toMatch(new RegExp(`^turnos-lote-${ids[100]}-`));
    expect((await messageById(db, alone.id)).deliveryGroup).toBeNull();
  });

  it('a group is claimed whole, however small the claim: a takeover holds every member', async () => {
    const { db } = getCtx();
    const ids = await enqueueMany(db, 150);
    await db.transaction(async (tx) => {
      const first = await claimDueMessages(tx, { limit: 150, grouping: { provider: 'resend', size: 100 } });
      expect(first).toHaveLength(150);
    });
    await crashAfterAccepted(db, ids);
    const takeover = await claimDueMessages(db, { limit: 1, grouping: { provider: 'resend', size: 100 } });
    expect(takeover.map((m) => m.id)).toEqual(ids.slice(0, 100));
    expect(takeover.every((m) => m.deliveryGroup === ids[0] && m.attempts === 2)).toBe(true);
    const rest = await claimDueMessages(db, { limit: 1, grouping: { provider: 'resend', size: 100 } });
    expect(rest.map((m) => m.id)).toEqual(ids.slice(100));
  });

  it('a batch repeated after a crash is the identical request: Resend answers the first ids, sends nothing twice', async () => {
    const { db } = getCtx();
    const ids = await enqueueMany(db, 120);
    expect(await run()).toMatchObject({ sent: 120 });
    const first = await rowsOf(db, ids);
    await crashAfterAccepted(db, ids);

    expect(await run()).toMatchObject({ claimed: 120, sent: 120, lost: 0 });
    const calls = answeredBatches();
    expect(calls).toHaveLength(4);
    expect(calls[2].idempotencyKey).toBe(calls[0].idempotencyKey);
    expect(calls[2].body).toEqual(calls[0].body);
    expect(calls[3].idempotencyKey).toBe(calls[1].idempotencyKey);
    expect(fake.delivered).toHaveLength(120);
    const again = await rowsOf(db, ids);
    expect(again.map((r) => r.providerMessageId)).toEqual(first.map((r) => r.providerMessageId));
    expect(again.every((r) => r.status === 'sent' && r.attempts === 2)).toBe(true);
  });

  it('a refused address fails alone, with Resend’s words; the rest of its batch is sent', async () => {
    const { db } = getCtx();
    const ids = await enqueueMany(db, 5, (i) => (i === 2 ? 'invalido@demo.com.ar' : `paciente${i}@demo.com.ar`));
    expect(await run()).toMatchObject({ sent: 4, failed: 1 });
    const rows = await rowsOf(db, ids);
    expect(rows[2]).toMatchObject({
      status: 'error',
      providerMessageId: null,
      error: 'Resend rechazó este mail: Invalid `to` field. The email address needs to follow the `email@example.com` format.',
    });
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(4);
    expect(new Set(rows.filter((r) => r.status === 'sent').map((r) => r.providerMessageId))).toEqual(new Set(fake.delivered.map((d) => d.id)));
  });

  it('a permanent refusal of the whole batch ends every row in error with Resend’s message', async () => {
    const { db } = getCtx();
    const ids = await enqueueMany(db, 120);
    expect(await run()).toMatchObject({ sent: 120 });
    await crashAfterAccepted(db, ids);
    // The admin changed "De" meanwhile: the retry is no longer the identical request, and Resend
    // refuses to reuse the key. Sending under a new key could deliver the same mail twice.
    await db.update(providerSettings).set({ config: { from: 'Otro Nombre <turnos@demo.com.ar>' } }).where(eq(providerSettings.channel, 'email'));

    expect(await run()).toMatchObject({ failed: 120, sent: 0 });
    const rows = await rowsOf(db, ids);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['error']));
    expect(rows[0].error).toBe(
      'Resend 409 (invalid_idempotent_request): This idempotency key has been used with this HTTP method and endpoint within the last 24 hours, but the request body was modified and doesn’t match the original request.',
    );
    expect(fake.delivered).toHaveLength(120);
  });

  it('a transient failure of the batch retries every row together, later, as the same request', async () => {
    const { db } = getCtx();
    const ids = await enqueueMany(db, 3);
    fake.failNext({ status: 500, body: { statusCode: 500, name: 'internal_server_error', message: 'An unexpected error occurred.' } });
    expect(await run()).toMatchObject({ retried: 3 });
    const waiting = await rowsOf(db, ids);
    expect(new Set(waiting.map((r) => r.status))).toEqual(new Set(['pending']));
    expect(new Set(waiting.map((r) => r.nextAttemptAt.getTime())).size).toBe(1);
    expect(waiting[1].error).toBe('Resend 500 (internal_server_error): An unexpected error occurred.');

    await db.update(messages).set({ nextAttemptAt: sql`now() - interval '1 second'` }).where(inArray(messages.id, ids));
    expect(await run()).toMatchObject({ sent: 3 });
    const [failed, ok] = answeredBatches();
    expect(ok.idempotencyKey).toBe(failed.idempotencyKey);
    expect(ok.body).toEqual(failed.body);
    expect(await rowsOf(db, ids)).toMatchObject(ids.map(() => ({ status: 'sent', attempts: 2, error: null })));
  });

  it('a group left waiting when the center moves away from Resend goes one by one on the new transport', async () => {
    const { db } = getCtx();
    const ids = await enqueueMany(db, 3);
    fake.failNext({ status: 503, body: { statusCode: 503, name: 'application_error', message: 'Service unavailable.' } });
    expect(await run()).toMatchObject({ retried: 3 });
    expect((await rowsOf(db, ids)).every((r) => r.deliveryGroup === ids[0])).toBe(true);

    await db.update(messages).set({ nextAttemptAt: sql`now() - interval '1 second'` }).where(inArray(messages.id, ids));
    const smtpLike = recordingMail();
    expect(await runWorkerOnce(db, smtpLike.transports, { log: silent })).toMatchObject({ sent: 3 });
    expect(smtpLike.calls.map((c) => c.id)).toEqual(ids);
    expect(await rowsOf(db, ids)).toMatchObject(ids.map((id) => ({ status: 'sent', deliveryGroup: null, providerMessageId: `fake-${id}` })));
  });

  it('a 429 with a short retry-after is waited out in place, repeating the same request', async () => {
    const { db } = getCtx();
    const ids = await enqueueMany(db, 2);
    fake.failNext({
      status: 429,
      body: { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests. You can only make 2 requests per second.' },
      headers: { 'retry-after': '1' },
    });
    const startedAt = Date.now();
    expect(await run()).toMatchObject({ sent: 2, retried: 0 });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950);
    expect(batchCalls().map((c) => c.status)).toEqual([429, 200]);
    expect(batchCalls()[1].idempotencyKey).toBe(batchCalls()[0].idempotencyKey);
    expect(await rowsOf(db, ids)).toMatchObject([{ status: 'sent', attempts: 1 }, { status: 'sent', attempts: 1 }]);
  });

  it('two workers share the team’s 2 requests/s: the fake’s 429s are waited out, nothing is sent twice', async () => {
    const { db } = getCtx();
    const ids = await enqueueMany(db, 600);
    const other = createTransportResolver();
    try {
      const results = await Promise.all([
        runWorkerOnce(db, (h) => resolver.resolve(h), { limit: 300, log: silent }),
        runWorkerOnce(db, (h) => other.resolve(h), { limit: 300, log: silent }),
      ]);
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(600);
    } finally {
      await other.close();
    }
    expect(batchCalls().some((c) => c.status === 429)).toBe(true);
    expect(batchCalls().filter((c) => c.status === 200)).toHaveLength(6);
    expect(fake.delivered).toHaveLength(600);
    expect(new Set(fake.delivered.map((d) => d.to[0])).size).toBe(600);
    expect((await rowsOf(db, ids)).every((r) => r.status === 'sent' && r.providerMessageId)).toBe(true);
  });

  it('a 429 asking for a long wait hands the batch back until then; the same key goes through later', async () => {
    const { db } = getCtx();
    const { id } = await enqueueEmail(db, draft({ recipient: 'limite@demo.com.ar' }));
    fake.failNext({
      status: 429,
      body: { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests. You can only make 2 requests per second.' },
      headers: { 'retry-after': '120' },
    });
    expect(await run()).toMatchObject({ retried: 1 });
    const waiting = await messageById(db, id);
    expect(waiting.status).toBe('pending');
    expect(waiting.error).toContain('rate_limit_exceeded');
    expect(await secondsFromNow(db, waiting.nextAttemptAt)).toBeGreaterThan(115);

    await makeDue(db, id);
    // A fresh transport: the first one still honours the 120 s it was asked to wait.
    await resolver.close();
    resolver = createTransportResolver();
    expect(await run()).toMatchObject({ sent: 1 });
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1].idempotencyKey).toBe(fake.requests[0].idempotencyKey);
    expect(await messageById(db, id)).toMatchObject({ status: 'sent', attempts: 2, error: null });
  });

  it('a single send repeated after a crash is recognised by its Idempotency-Key', async () => {
    const { db } = getCtx();
    const { id } = await enqueueEmail(db, draft({ recipient: 'juan@demo.com.ar', attachments: ICS }));
    expect(await run()).toMatchObject({ sent: 1 });
    await crashAfterAccepted(db, [id]);
    expect(await run()).toMatchObject({ sent: 1 });
    expect(fake.requests).toHaveLength(2);
    expect(fake.delivered).toHaveLength(1);
    expect(await messageById(db, id)).toMatchObject({ status: 'sent', providerMessageId: fake.delivered[0].id, attempts: 2 });
  });

  it('a refused address sent alone is permanent, with Resend’s message in the send log', async () => {
    const { db } = getCtx();
    const { id } = await enqueueEmail(db, draft({ recipient: 'invalido@demo.com.ar', attachments: ICS }));
    expect(await run()).toMatchObject({ failed: 1 });
    const row = await messageById(db, id);
    expect(row.status).toBe('error');
    expect(row.error).toBe('Resend 422 (validation_error): Invalid `to` field. The email address needs to follow the `email@example.com` format.');
  });

  it('a wrong API key keeps the mail queued, with the reason', async () => {
    const { db } = getCtx();
    await db
      .update(providerSettings)
      .set({ secretEncrypted: encryptSecret('re_wrong', AUTH_SECRET_FOR_TESTS) })
      .where(eq(providerSettings.channel, 'email'));
    const { id } = await enqueueEmail(db, draft());
    expect(await run()).toMatchObject({ retried: 1 });
    expect((await messageById(db, id)).error).toBe('Resend 401 (validation_error): API key is invalid');
    expect(await db.select().from(messages).where(and(eq(messages.id, id), isNotNull(messages.deliveryGroup)))).toHaveLength(1);
  });
});
