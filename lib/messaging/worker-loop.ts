import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { workerHeartbeats } from '@/db/schema';
import { createTransportResolver } from './transports/cached';
import type { Db } from '@/db/client';
import { enqueueDueReminders } from '@/lib/reminders/automatic';
import { pruneExpiredRows } from '@/lib/server/housekeeping';
import { log as serverLog } from '@/lib/server/log';
import { DEFAULT_CLAIM_LIMIT, errorText, runWorkerOnce, type RunOptions, type TransportSource, type WorkerRunResult } from './worker';

export interface WorkerOptions extends RunOptions {
  /** Also the heartbeat row's name. Default: outbox@<host>#<pid>. */
  workerId?: string;
  /** Pause between polls when the queue is empty. */
  pollMs?: number;
  heartbeatMs?: number;
  /** Default: the configured providers, re-read on each poll (transports/cached.ts). */
  transports?: TransportSource;
  /** Called after each poll that claimed something (tests, metrics). */
  onRun?: (result: WorkerRunResult) => void;
  /** How often the automatic reminder rules are applied (lib/reminders/automatic.ts); false = never. */
  remindEveryMs?: number | false;
  /** How often expired throttle rows are deleted (lib/server/housekeeping.ts); false = never. Default: hourly. */
  pruneEveryMs?: number | false;
}

export interface RunningWorker {
  readonly workerId: string;
  /** Poll now instead of waiting for the next tick (e.g. right after a booking committed). */
  wake(): void;
  /** Finishes the message in hand, then stops; resolves when the loop has exited. */
  stop(): Promise<void>;
}

export const HEARTBEAT_PREFIX = 'outbox@';

export async function recordHeartbeat(db: DbOrTx, name: string): Promise<void> {
  await db
    .insert(workerHeartbeats)
    .values({ name, beatAt: sql`now()` })
    .onConflictDoUpdate({ target: workerHeartbeats.name, set: { beatAt: sql`now()` } });
  // Each process start adds a row; forget the ones of processes long gone.
  await db.execute(
    sql`delete from worker_heartbeats where name like ${`${HEARTBEAT_PREFIX}%`} and beat_at < now() - interval '1 day'`,
  );
}

/**
 * The delivery loop: poll every `pollMs` (immediately again while there is a backlog), beat the
 * heartbeat every `heartbeatMs`. Errors (database down, a bug) are logged and the loop goes on.
 */
export function startWorker(db: DbOrTx, options: WorkerOptions = {}): RunningWorker {
  const workerId = options.workerId ?? `${HEARTBEAT_PREFIX}${os.hostname()}#${process.pid}`;
  const pollMs = options.pollMs ?? 2000;
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const log = options.log ?? ((line: string) => serverLog.warn(line));
  const resolver = options.transports ? undefined : createTransportResolver({ log: (line) => serverLog.info(line) });
  const source: TransportSource = options.transports ?? ((handle) => resolver!.resolve(handle));

  let running = true;
  let wakeUp: (() => void) | undefined;
  let lastBeat = 0;
  let lastRemind = 0;
  const remindEveryMs = options.remindEveryMs ?? 60_000;
  let lastPrune = 0;
  const pruneEveryMs = options.pruneEveryMs ?? 3_600_000;
  let lastError = '';

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  const loop = (async () => {
    while (running) {
      let backlog = false;
      try {
        if (Date.now() - lastBeat >= heartbeatMs) {
          await recordHeartbeat(db, workerId);
          lastBeat = Date.now();
        }
        if (remindEveryMs !== false && Date.now() - lastRemind >= remindEveryMs) {
          lastRemind = Date.now();
          // Safe on every instance at once: each turno is reminded once per rule (unique index).
          await enqueueDueReminders(db as Db);
        }
        if (pruneEveryMs !== false && Date.now() - lastPrune >= pruneEveryMs) {
          lastPrune = Date.now();
          await pruneExpiredRows(db);
        }
        const result = await runWorkerOnce(db, source, { ...options, workerId });
        if (result.claimed > 0 || result.composed > 0) options.onRun?.(result);
        backlog = result.claimed >= (options.limit ?? DEFAULT_CLAIM_LIMIT) || result.composeBacklog;
        lastError = '';
      } catch (error) {
        const text = errorText(error);
        // Once per distinct failure, not every two seconds while the database is down.
        if (text !== lastError) log(`[outbox] ${workerId}: ${text}`);
        lastError = text;
      }
      if (running && !backlog) await sleep(pollMs);
    }
    await resolver?.close();
  })();

  return {
    workerId,
    wake: () => wakeUp?.(),
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
    },
  };
}
