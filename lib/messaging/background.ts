import { getDb } from '@/db/client';
import { startWorker, type RunningWorker, type WorkerOptions } from './worker-loop';

const globalForWorker = globalThis as unknown as { __turnosOutboxWorker?: RunningWorker };

/**
 * Starts the outbox worker inside the server process, once per process (dev reloads and a second
 * call reuse it). Safe with several app instances: claims use SKIP LOCKED. Set OUTBOX_WORKER=off
 * on instances that should leave delivery to `npm run worker`.
 */
export function startBackgroundWorker(options: WorkerOptions = {}): RunningWorker | null {
  if (process.env.OUTBOX_WORKER === 'off') return null;
  globalForWorker.__turnosOutboxWorker ??= startWorker(getDb(), options);
  return globalForWorker.__turnosOutboxWorker;
}

/** The worker this process runs, if any (readiness reads its heartbeat). */
export function backgroundWorker(): RunningWorker | undefined {
  return globalForWorker.__turnosOutboxWorker;
}

/** Poll now (after a commit that enqueued mail), so the patient does not wait for the next tick. */
export function wakeBackgroundWorker(): void {
  globalForWorker.__turnosOutboxWorker?.wake();
}

export async function stopBackgroundWorker(): Promise<void> {
  const worker = globalForWorker.__turnosOutboxWorker;
  globalForWorker.__turnosOutboxWorker = undefined;
  await worker?.stop();
}
