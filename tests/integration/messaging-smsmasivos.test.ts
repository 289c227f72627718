/**
 * SMS through SMS Masivos: the transport configured the way the admin would (provider_settings,
 * secret encrypted), delivered by the worker against a local fake of the provider's HTTP API.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { providerSettings } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secrets';
import { enqueueSms } from '@/lib/messaging/outbox';
import { createTransportResolver, type TransportResolver } from '@/lib/messaging/transports/cached';
import { createSmsMasivosTransport } from '@/lib/messaging/transports/smsmasivos';
import { runWorkerOnce } from '@/lib/messaging/worker';
import { describeEachEngine } from '../support/db';
import { FAKE_API_KEY, FAKE_PASSWORD, FAKE_USER, REFUSED_NUMBER, startSmsMasivosFake, type SmsMasivosFake } from '../support/smsmasivos-fake';
import { AUTH_SECRET_FOR_TESTS, makeDue, messageById, silent } from './messaging-fakes';

let fake: SmsMasivosFake;

beforeAll(async () => {
  fake = await startSmsMasivosFake();
});
afterAll(async () => {
  await fake.close();
});

describeEachEngine('SMS Masivos delivery', (getCtx) => {
  let resolver: TransportResolver;

  async function configure(db: Db, options: { password?: string; apiKey?: string } = {}) {
    const auth = options.apiKey ? 'apikey' : 'user';
    await db.insert(providerSettings).values({
      channel: 'sms',
      provider: 'smsmasivos',
      config: { auth, user: FAKE_USER, baseUrl: fake.baseUrl },
      secretEncrypted: encryptSecret(options.apiKey ?? options.password ?? FAKE_PASSWORD, AUTH_SECRET_FOR_TESTS),
    });
  }

  const run = (db: Db) => runWorkerOnce(db, (h) => resolver.resolve(h), { log: silent });

  beforeEach(() => {
    vi.stubEnv('AUTH_SECRET', AUTH_SECRET_FOR_TESTS);
    fake.requests.length = 0;
    fake.sent.length = 0;
    fake.balance = 100;
    resolver = createTransportResolver();
  });
  afterEach(async () => {
    await resolver.close();
    vi.unstubAllEnvs();
  });

  it('delivers once, the number as 10 digits, the text as written, with the outbox id', async () => {
    const { db } = getCtx();
    await configure(db);
    const { id, status } = await enqueueSms(db, { kind: 'reminder', recipient: '011 15 4444-5555', bodyText: 'Sr/a IBÁÑEZ: turno martes 27/10 08:40' });
    expect(status).toBe('pending');

    expect(await run(db)).toMatchObject({ claimed: 1, sent: 1 });
    expect(await run(db)).toMatchObject({ claimed: 0 });
    expect(fake.sent).toEqual([{ tos: '1144445555', texto: 'Sr/a IBÁÑEZ: turno martes 27/10 08:40', idinterno: expect.stringMatching(new RegExp(`^turnos${id}[0-9a-z]+$`)) }]);
    expect(fake.requests[0].params).toMatchObject({ api: '1', usuario: FAKE_USER, clave: FAKE_PASSWORD });
    const row = await messageById(db, id);
    expect(row).toMatchObject({ status: 'sent', provider: 'smsmasivos', error: null, providerMessageId: `smsmasivos-${fake.sent[0].idinterno}` });
  });

  it('works with an API key instead of usuario and clave', async () => {
    const { db } = getCtx();
    await configure(db, { apiKey: FAKE_API_KEY });
    await enqueueSms(db, { kind: 'reminder', recipient: '3515123456', bodyText: 'Hola' });
    expect(await run(db)).toMatchObject({ sent: 1 });
    expect(fake.requests[0].params.apikey).toBe(FAKE_API_KEY);
    expect(fake.requests[0].params.usuario).toBeUndefined();
  });

  it('without an admin choice, SMSMASIVOS_USER + SMSMASIVOS_PASSWORD from the environment are used', async () => {
    const { db } = getCtx();
    vi.stubEnv('SMSMASIVOS_USER', FAKE_USER);
    vi.stubEnv('SMSMASIVOS_PASSWORD', FAKE_PASSWORD);
    vi.stubEnv('SMSMASIVOS_BASE_URL', fake.baseUrl);
    await enqueueSms(db, { kind: 'reminder', recipient: '1144445555', bodyText: 'Hola' });
    expect(await run(db)).toMatchObject({ sent: 1 });
    expect(fake.requests[0].params).toMatchObject({ usuario: FAKE_USER, clave: FAKE_PASSWORD });
    // Desarrollo chosen in the admin still means "whatever the operator configured".
    await db.insert(providerSettings).values({ channel: 'sms', provider: 'dev' });
    await enqueueSms(db, { kind: 'reminder', recipient: '1144445555', bodyText: 'Otra' });
    expect(await run(db)).toMatchObject({ sent: 1 });
    expect(fake.sent.map((m) => m.texto)).toEqual(['Hola', 'Otra']);
  });

  it('a number the provider refuses ends in error with its answer, and is not retried', async () => {
    const { db } = getCtx();
    await configure(db);
    const { id } = await enqueueSms(db, { kind: 'reminder', recipient: REFUSED_NUMBER, bodyText: 'Hola' });
    expect(await run(db)).toMatchObject({ failed: 1 });
    const row = await messageById(db, id);
    expect(row).toMatchObject({ status: 'error', provider: 'smsmasivos', error: 'SMS Masivos respondió: Número de celular inválido' });
    expect(fake.sent).toEqual([]);
  });

  it('numbers that cannot be an Argentine mobile are reported and never reach the provider', async () => {
    const { db } = getCtx();
    await configure(db);
    const typo = await enqueueSms(db, { kind: 'reminder', recipient: '4444-5555', bodyText: 'Hola' });
    expect(typo).toMatchObject({ status: 'error', error: expect.stringContaining('Número de celular inválido') });
    const odd = await enqueueSms(db, { kind: 'reminder', recipient: '0351 16 512-3456', bodyText: 'Hola' });
    expect(await run(db)).toMatchObject({ claimed: 1, failed: 1 });
    expect((await messageById(db, odd.id)).error).toContain('Debe tener 10 dígitos');
    expect(fake.requests).toEqual([]);
  });

  it('wrong credentials, no credit or an outage are retried, each attempt’s answer in the send log, then sent once', async () => {
    const { db } = getCtx();
    await configure(db, { password: 'otra' });
    const { id } = await enqueueSms(db, { kind: 'reminder', recipient: '1144445555', bodyText: 'Hola' });
    expect(await run(db)).toMatchObject({ retried: 1 });
    expect(await messageById(db, id)).toMatchObject({ status: 'pending', error: 'SMS Masivos respondió: Usuario o clave incorrectos' });

    await db.update(providerSettings).set({ secretEncrypted: encryptSecret(FAKE_PASSWORD, AUTH_SECRET_FOR_TESTS) });
    fake.balance = 0;
    await makeDue(db, id);
    expect(await run(db)).toMatchObject({ retried: 1 });
    expect((await messageById(db, id)).error).toBe('SMS Masivos respondió: Sin crédito disponible');

    fake.balance = 5;
    fake.failNext(1);
    await makeDue(db, id);
    expect(await run(db)).toMatchObject({ retried: 1 });
    expect((await messageById(db, id)).error).toBe('SMS Masivos respondió HTTP 503: Servicio no disponible');

    await makeDue(db, id);
    expect(await run(db)).toMatchObject({ sent: 1 });
    expect(fake.sent).toHaveLength(1);
    expect(await messageById(db, id)).toMatchObject({ status: 'sent', error: null, attempts: 4 });
  });
});

it('reports the balance, and a refusal as the provider worded it', async () => {
  fake.balance = 42;
  expect(await createSmsMasivosTransport({ user: FAKE_USER, password: FAKE_PASSWORD, baseUrl: fake.baseUrl }).balance()).toBe(42);
  await expect(createSmsMasivosTransport({ user: FAKE_USER, password: 'mal', baseUrl: fake.baseUrl }).balance()).rejects.toThrow(
    'SMS Masivos respondió: Usuario o clave incorrectos',
  );
  await expect(createSmsMasivosTransport({ apiKey: 'x', baseUrl: 'http://127.0.0.1:9' }).balance()).rejects.toThrow(/SMS Masivos no respondió/);
});
