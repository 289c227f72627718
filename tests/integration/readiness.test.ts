import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET as readyRoute } from '@/app/api/ready/route';
import { postgresHandle, type DbHandle } from '@/db/client';
import { startBackgroundWorker, stopBackgroundWorker } from '@/lib/messaging/background';
import { recordHeartbeat } from '@/lib/messaging/worker-loop';
import { checkReadiness } from '@/lib/server/readiness';
import { freePort } from '../support/pg-server';
import { createTestDatabase, describeEachEngine, describePostgresOnly } from '../support/db';

const WORKER = 'outbox@ready-test#1';
/** The 2 s default is for production probes; a loaded CI machine must not fail tests that are not about it. */
const check = (handle: DbHandle, options: Parameters<typeof checkReadiness>[1]) =>
  checkReadiness(handle, { timeoutMs: 20_000, ...options });

describeEachEngine('readiness (/api/ready)', (getCtx) => {
  it('is not ready until this process’s worker has beaten its heartbeat, then ready', async () => {
    const { handle, db } = getCtx();
    const before = await check(handle, { workerId: WORKER });
    expect(before).toMatchObject({
      ready: false,
      reason: 'El worker de envíos todavía no registró su latido.',
      database: { engine: handle.engine, reachable: true },
    });

    await recordHeartbeat(db, WORKER);
    const after = await check(handle, { workerId: WORKER });
    expect(after).toMatchObject({ ready: true, worker: { mode: 'in-process', workerId: WORKER } });
    expect(after.worker.lastBeatSecondsAgo).toBeLessThanOrEqual(2);
    expect(after.reason).toBeUndefined();
  });

  it('is not ready when the heartbeat is older than the limit (a stuck loop)', async () => {
    const { handle, db } = getCtx();
    await recordHeartbeat(db, WORKER);
    await db.execute(sql`update worker_heartbeats set beat_at = now() - interval '10 minutes' where name = ${WORKER}`);
    // Another worker's fresh beat does not stand in for this process's own.
    await recordHeartbeat(db, 'outbox@other-host#2');
    const result = await check(handle, { workerId: WORKER, heartbeatMaxAgeSeconds: 300 });
    // 600 s plus however long the machine took between the two statements.
    const age = result.worker.lastBeatSecondsAgo!;
    expect(age).toBeGreaterThanOrEqual(600);
    expect(age).toBeLessThan(610);
    expect(result).toMatchObject({ ready: false, reason: `El último latido del worker de envíos fue hace ${age} s (máximo 300 s).` });
  });

  it('with the worker running separately, only the database decides; the newest beat is reported', async () => {
    const { handle, db } = getCtx();
    expect(await check(handle, { workerId: null })).toMatchObject({
      ready: true,
      worker: { mode: 'separate', lastBeatSecondsAgo: null },
    });
    await recordHeartbeat(db, 'outbox@worker-box#7');
    await db.execute(sql`update worker_heartbeats set beat_at = now() - interval '1 hour'`);
    const separate = await check(handle, { workerId: null });
    expect(separate).toMatchObject({ ready: true, worker: { mode: 'separate' } });
    expect(separate.worker.lastBeatSecondsAgo).toBeGreaterThanOrEqual(3600);
    expect(separate.worker.lastBeatSecondsAgo).toBeLessThan(3610);
  });
});

describePostgresOnly('readiness when the database does not answer', (getCtx) => {
  it('answers not ready when the database is unreachable', async () => {
    const port = await freePort();
    const down: DbHandle = postgresHandle(`postgres://postgres@127.0.0.1:${port}/nada`, { max: 1, connect_timeout: 2 });
    try {
      const result = await check(down, { workerId: WORKER });
      expect(result).toMatchObject({
        ready: false,
        reason: 'No se pudo consultar la base de datos.',
        database: { engine: 'postgres', reachable: false },
      });
    } finally {
      await down.close();
    }
  });

  it('answers not ready within the timeout when the database hangs', async () => {
    const { handle } = getCtx();
    await recordHeartbeat(handle.db, WORKER);
    const blocker = getCtx().connect({ max: 1 });
    // An exclusive lock makes the readiness query wait, as a database under a stuck migration would.
    await blocker.db.transaction(async (tx) => {
      await tx.execute(sql`lock table worker_heartbeats in access exclusive mode`);
      const started = performance.now();
      const result = await checkReadiness(handle, { workerId: WORKER, timeoutMs: 300 });
      expect(result).toMatchObject({ ready: false, reason: 'La base de datos no respondió en 300 ms.' });
      expect(performance.now() - started).toBeLessThan(2000);
    });
    // Once the lock is gone the same instance is ready again.
    expect((await check(handle, { workerId: WORKER })).ready).toBe(true);
  });
});

describe('GET /api/ready', () => {
  const globals = globalThis as unknown as { __turnosDb?: DbHandle };
  let opened: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

  afterEach(async () => {
    await stopBackgroundWorker();
    globals.__turnosDb = undefined;
    vi.unstubAllEnvs();
    await opened?.destroy();
    opened = undefined;
  });

  it('answers 503 with the reason while the worker is not running, 200 once it beats', async () => {
    opened = await createTestDatabase('pglite');
    globals.__turnosDb = opened.handle;
    vi.stubEnv('OUTBOX_WORKER', 'on');

    const down = await readyRoute();
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'not-ready', reason: 'El worker de envíos no está corriendo en este proceso.' });

    startBackgroundWorker({ pollMs: 50, remindEveryMs: false, log: () => {} });
    await vi.waitFor(async () => expect((await readyRoute()).status).toBe(200), { timeout: 10_000, interval: 100 });
    const body = await (await readyRoute()).json();
    expect(body).toMatchObject({ status: 'ready', database: { engine: 'pglite', reachable: true }, worker: { mode: 'in-process' } });
    expect(body.worker.lastBeatSecondsAgo).toBeLessThanOrEqual(2);
  });

  it('with OUTBOX_WORKER=off it is ready without a worker in this process', async () => {
    opened = await createTestDatabase('pglite');
    globals.__turnosDb = opened.handle;
    vi.stubEnv('OUTBOX_WORKER', 'off');
    const res = await readyRoute();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', worker: { mode: 'separate' } });
  });
});
