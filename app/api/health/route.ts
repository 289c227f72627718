import { sql } from 'drizzle-orm';
import { getDbHandle } from '@/db/client';

export const dynamic = 'force-dynamic';

/** Liveness plus database reachability, for load balancers and the e2e harness. */
export async function GET() {
  const started = performance.now();
  try {
    const handle = getDbHandle();
    await handle.db.execute(sql`select 1`);
    return Response.json({
      status: 'ok',
      database: { engine: handle.engine, reachable: true, latencyMs: Math.round(performance.now() - started) },
    });
  } catch {
    return Response.json({ status: 'error', database: { reachable: false } }, { status: 503 });
  }
}
