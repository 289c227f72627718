/**
 * `npm run worker`: deliver the outbox from a process of its own, next to (or instead of) the
 * worker every server instance runs. Only with DATABASE_URL: the embedded database allows one
 * process at a time (STACK.md trap 5), and there the server already delivers.
 */
import { openDatabase } from '../db/client';
import { EnvError, parseEnv } from '../lib/env';
import { startWorker } from '../lib/messaging/worker-loop';

try {
  parseEnv();
} catch (err) {
  if (!(err instanceof EnvError)) throw err;
  console.error(err.message);
  process.exit(1);
}
if (!process.env.DATABASE_URL) {
  console.error(
    'npm run worker necesita DATABASE_URL. Con la base embebida el servidor ya envía los mensajes; no abra la base desde otro proceso.',
  );
  process.exit(1);
}

const handle = openDatabase();
const worker = startWorker(handle.db, {
  onRun: (r) => console.log(`[outbox] enviados ${r.sent}, reintentos ${r.retried}, con error ${r.failed}`),
});
console.log(`Worker de envíos iniciado (${worker.workerId}).`);

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
