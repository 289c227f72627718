/**
 * `npm run worker`: deliver the outbox from a process of its own, next to (or instead of) the
 * worker every server instance runs. Only with DATABASE_URL: the embedded database allows one
 * process at a time (STACK.md trap 5), and there the server already delivers.
 */
import { openDatabase } from '../db/client';
import { EnvError, parseEnv } from '../lib/env';
import { startWorker } from '../lib/messaging/worker-loop';
import { log } from '../lib/server/log';

try {
  parseEnv();
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
