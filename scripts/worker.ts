/**
 * `npm run worker`: deliver the outbox from a process of its own, next to (or instead of) the
 * worker every server instance runs. Only with DATABASE_URL: the embedded database allows one
 * process at a time (STACK.md trap 5), and there the server already delivers.
 *
 * Optional knobs (defaults suit production):
 *   WORKER_LOCK_SECONDS  how long a claim holds before another worker may take it over, i.e. how
 *                        soon mail claimed by a crashed worker is sent again (default 300). Keep it
 *                        well above the sends' timeouts (30-80 s): a send still running when its
 *                        claim expires may be taken over and sent twice.
 *   WORKER_POLL_MS       pause between polls when the queue is empty (default 2000).
 *   WORKER_BATCH_SIZE    mails per Resend batch request, 1-100 (default 100).
 */
import { openDatabase } from '../db/client';
import { EnvError, parseEnv, type Env } from '../lib/env';
import { startWorker } from '../lib/messaging/worker-loop';
import { log } from '../lib/server/log';

let env: Env;
try {
  env = parseEnv();
} catch (err) {
  if (!(err instanceof EnvError)) throw err;
  log.error('Configuración inválida: revise las variables de entorno (docs/operations.md).', { problems: err.problems });
  process.exit(1);
}
if (!process.env.DATABASE_URL) {
  log.error(
    'npm run worker necesita DATABASE_URL. Con la base embebida el servidor ya envía los mensajes; no abra la base desde otro proceso.',
  );
  process.exit(1);
}

const handle = openDatabase();
const worker = startWorker(handle.db, {
  lockSeconds: env.WORKER_LOCK_SECONDS,
  pollMs: env.WORKER_POLL_MS,
  batchSize: env.WORKER_BATCH_SIZE,
  onRun: (r) => log.info('[outbox] envíos procesados', { sent: r.sent, retried: r.retried, failed: r.failed }),
});
log.info('Worker de envíos iniciado.', { workerId: worker.workerId });

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop();
    await handle.close();
    process.exit(0);
  });
}
