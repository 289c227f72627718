/**
 * Resend through the real SDK, pointed (RESEND_BASE_URL) at a local fake of its API that answers
 * like the real one: {id} on success, {statusCode, name, message} on errors, retry-after on 429,
 * and the first response again for a repeated Idempotency-Key.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { messages, providerSettings } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secrets';
import { enqueueEmail } from '@/lib/messaging/outbox';
import { createTransportResolver, type TransportResolver } from '@/lib/messaging/transports/cached';
import { runWorkerOnce } from '@/lib/messaging/worker';
import { describeEachEngine } from '../support/db';
import { AUTH_SECRET_FOR_TESTS, draft, makeDue, messageById, secondsFromNow, silent } from './messaging-fakes';

const API_KEY = 're_test_123456';

interface ApiCall {
  authorization?: string;
  idempotencyKey?: string;
  body: { from: string; to: string[]; subject: string; text: string; html?: string; attachments?: { filename: string; content: string; content_type?: string }[] };
}

const calls: ApiCall[] = [];
/** Emails the fake "delivered": one per distinct idempotency key. */
const delivered = new Map<string, string>();
let limitedOnce = new Set<string>();
let server: Server;
let baseUrl: string;

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')));
    req.on('error', reject);
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/emails') return reply(404, { statusCode: 404, name: 'not_found', message: 'Not found' });
    const body = (await readJson(req)) as ApiCall['body'];
    const call: ApiCall = {
      authorization: req.headers.authorization,
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      body,
    };
    calls.push(call);
    if (call.authorization !== `Bearer ${API_KEY}`) return reply(401, { statusCode: 401, name: 'invalid_api_key', message: 'API key is invalid' });
    const to = body.to[0];
    if (to.startsWith('invalido@')) {
      return reply(422, { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field. The email address needs to follow the `email@example.com` format.' });
    }
    if (to.startsWith('limite@') && !limitedOnce.has(to)) {
      limitedOnce.add(to);
      return reply(429, { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests. You can only make 2 requests per second.' }, { 'retry-after': '120' });
    }
    const key = call.idempotencyKey ?? `none-${calls.length}`;
    if (!delivered.has(key)) delivered.set(key, `re-${delivered.size + 1}`);
    reply(200, { id: delivered.get(key) });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describeEachEngine('Resend delivery', (getCtx) => {
  let resolver: TransportResolver;

  beforeEach(async () => {
    calls.length = 0;
    delivered.clear();
    limitedOnce = new Set();
    vi.stubEnv('AUTH_SECRET', AUTH_SECRET_FOR_TESTS);
    vi.stubEnv('RESEND_BASE_URL', baseUrl);
    resolver = createTransportResolver();
    await getCtx().db.insert(providerSettings).values({
      channel: 'email',
      provider: 'resend',
      config: { from: 'Centro Médico Demo <turnos@demo.com.ar>' },
      secretEncrypted: encryptSecret(API_KEY, AUTH_SECRET_FOR_TESTS),
    });
  });
  afterEach(async () => {
    await resolver.close();
    vi.unstubAllEnvs();
  });

  const run = () => runWorkerOnce(getCtx().db, (h) => resolver.resolve(h), { log: silent });

  it('sends with the API key, the outbox id as Idempotency-Key, our text part and the attachment', async () => {
    const { db } = getCtx();
    const { id } = await enqueueEmail(
      db,
      draft({ recipient: 'juan@demo.com.ar', attachments: [{ filename: 'turno.ics', contentType: 'text/calendar; charset=utf-8', content: 'QkVHSU46VkNBTEVOREFS' }] }),
    );
    expect(await run()).toMatchObject({ sent: 1 });
    expect(await messageById(db, id)).toMatchObject({ status: 'sent', provider: 'resend', providerMessageId: 're-1' });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call.authorization).toBe(`Bearer ${API_KEY}`);
    expect(call.idempotencyKey).toMatch(new RegExp(`^turnos-${id}-`));
    expect(call.body).toMatchObject({
      from: 'Centro Médico Demo <turnos@demo.com.ar>',
      to: ['juan@demo.com.ar'],
      subject: 'Turno confirmado',
      text: 'Hola ANA',
      html: '<p>Hola ANA</p>',
    });
    expect(call.body.attachments).toEqual([{ filename: 'turno.ics', content: 'QkVHSU46VkNBTEVOREFS', content_type: 'text/calendar; charset=utf-8' }]);
  });

  it('a 422 validation error is permanent, with Resend’s message in the send log', async () => {
    const { db } = getCtx();
    const { id } = await enqueueEmail(db, draft({ recipient: 'invalido@demo.com.ar' }));
    expect(await run()).toMatchObject({ failed: 1 });
    const row = await messageById(db, id);
    expect(row.status).toBe('error');
    expect(row.error).toBe('Resend 422 (validation_error): Invalid `to` field. The email address needs to follow the `email@example.com` format.');
  });

  it('a 429 waits at least retry-after, then the same Idempotency-Key goes through', async () => {
    const { db } = getCtx();
    const { id } = await enqueueEmail(db, draft({ recipient: 'limite@demo.com.ar' }));
    expect(await run()).toMatchObject({ retried: 1 });
    const waiting = await messageById(db, id);
    expect(waiting.status).toBe('pending');
    expect(waiting.error).toContain('rate_limit_exceeded');
    expect(await secondsFromNow(db, waiting.nextAttemptAt)).toBeGreaterThan(115);

    await makeDue(db, id);
    expect(await run()).toMatchObject({ sent: 1 });
    expect(calls).toHaveLength(2);
    expect(calls[1].idempotencyKey).toBe(calls[0].idempotencyKey);
    expect(await messageById(db, id)).toMatchObject({ status: 'sent', attempts: 2, error: null });
  });

  it('a send repeated after a crash (result never recorded) is recognised by its Idempotency-Key', async () => {
    const { db } = getCtx();
    const { id } = await enqueueEmail(db, draft({ recipient: 'juan@demo.com.ar' }));
    expect(await run()).toMatchObject({ sent: 1 });
    // As if the worker died after Resend accepted it, before 'sent' was written, and its lock expired.
    await db
      .update(messages)
      .set({ status: 'sending', providerMessageId: null, sentAt: null, lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(messages.id, id));
    expect(await run()).toMatchObject({ sent: 1 });
    expect(calls).toHaveLength(2);
    expect(delivered.size).toBe(1);
    expect(await messageById(db, id)).toMatchObject({ status: 'sent', providerMessageId: 're-1', attempts: 2 });
  });

  it('a wrong API key keeps the mail queued, with the reason', async () => {
    const { db } = getCtx();
    await db
      .update(providerSettings)
      .set({ secretEncrypted: encryptSecret('re_wrong', AUTH_SECRET_FOR_TESTS) })
      .where(eq(providerSettings.channel, 'email'));
    const { id } = await enqueueEmail(db, draft());
    expect(await run()).toMatchObject({ retried: 1 });
    expect((await messageById(db, id)).error).toBe('Resend 401 (invalid_api_key): API key is invalid');
  });
});
