import { sql } from 'drizzle-orm';
import { rowsOf, type DbHandle } from '@/db/client';
import { HEARTBEAT_PREFIX } from '@/lib/messaging/worker-loop';

/** A slow answer is as bad as none for a load balancer probing every few seconds. */
export const READY_DB_TIMEOUT_MS = 2000;
/**
 * The loop beats every 10 s, but one poll may spend up to 180 s sending a slow batch before it beats
 * again (lib/messaging/worker.ts, the send budget): older than this, the loop is stuck.
 */
export const READY_HEARTBEAT_MAX_AGE_SECONDS = 300;

export interface ReadinessOptions {
  /** The heartbeat row of the worker this process runs; null when delivery is left to `npm run worker`. */
  workerId: string | null;
  timeoutMs?: number;
  heartbeatMaxAgeSeconds?: number;
}

export interface Readiness {
  ready: boolean;
  /** In Spanish, for the operator reading the probe's answer. */
  reason?: string;
  database: { engine: DbHandle['engine']; reachable: boolean; latencyMs?: number };
  worker:
    | { mode: 'in-process'; workerId: string; lastBeatSecondsAgo: number | null }
    | { mode: 'separate'; lastBeatSecondsAgo: number | null };
}

class TimedOut extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Readiness, as opposed to liveness (/api/health): can this instance do its work now? The database
 * answers within `timeoutMs`, and the outbox worker of this process has beaten its heartbeat
 * recently. One query, and the age is measured on the database's clock, so skew between hosts
 * does not matter.
 */
export async function checkReadiness(handle: DbHandle, options: ReadinessOptions): Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? READY_DB_TIMEOUT_MS;
  const maxAge = options.heartbeatMaxAgeSeconds ?? READY_HEARTBEAT_MAX_AGE_SECONDS;
  const { workerId } = options;
  const worker = (lastBeatSecondsAgo: number | null): Readiness['worker'] =>
    workerId === null ? { mode: 'separate', lastBeatSecondsAgo } : { mode: 'in-process', workerId, lastBeatSecondsAgo };

  const started = performance.now();
  let age: number | null;
  try {
    // Separate worker: the newest beat of any worker, for information only.
    const beat =
      workerId === null
        ? sql`(select max(beat_at) from worker_heartbeats where name like ${`${HEARTBEAT_PREFIX}%`})`
        : sql`(select beat_at from worker_heartbeats where name = ${workerId})`;
    const result = await withTimeout(
      handle.db.execute(sql`select extract(epoch from (now() - ${beat}))::float8 as age`),
      timeoutMs,
    );
    const raw = rowsOf<{ age: number | string | null }>(result)[0]?.age;
    age = raw === null || raw === undefined ? null : Math.round(Number(raw));
  } catch (err) {
    const reason =
      err instanceof TimedOut
        ? `La base de datos no respondió en ${timeoutMs} ms.`
        : 'No se pudo consultar la base de datos.';
    return { ready: false, reason, database: { engine: handle.engine, reachable: false }, worker: worker(null) };
  }
  const database = { engine: handle.engine, reachable: true, latencyMs: Math.round(performance.now() - started) };

  if (workerId !== null) {
    if (age === null) {
      return { ready: false, reason: 'El worker de envíos todavía no registró su latido.', database, worker: worker(null) };
    }
    if (age > maxAge) {
      return {
        ready: false,
        reason: `El último latido del worker de envíos fue hace ${age} s (máximo ${maxAge} s).`,
        database,
        worker: worker(age),
      };
    }
  }
  return { ready: true, database, worker: worker(age) };
}
