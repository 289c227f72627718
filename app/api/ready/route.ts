import { getDbHandle } from '@/db/client';
import { backgroundWorker } from '@/lib/messaging/background';
import { log } from '@/lib/server/log';
import { checkReadiness } from '@/lib/server/readiness';

export const dynamic = 'force-dynamic';

/**
 * Readiness, for load balancers and orchestrators (liveness is /api/health): 200 when the database
 * answers quickly and this instance's outbox worker beats; 503 with the reason otherwise.
 * With OUTBOX_WORKER=off the worker runs elsewhere (`npm run worker`) and is not this instance's
 * concern: its last beat is reported, not required.
 */
export async function GET() {
  const separate = process.env.OUTBOX_WORKER === 'off';
  const worker = backgroundWorker();
  if (!separate && !worker) {
    return Response.json(
      { status: 'not-ready', reason: 'El worker de envíos no está corriendo en este proceso.' },
      { status: 503 },
    );
  }
  const { ready, ...details } = await checkReadiness(getDbHandle(), { workerId: separate ? null : worker!.workerId });
  if (!ready) log.warn('No está listo para atender (/api/ready).', { reason: details.reason });
  return Response.json({ status: ready ? 'ready' : 'not-ready', ...details }, { status: ready ? 200 : 503 });
}
