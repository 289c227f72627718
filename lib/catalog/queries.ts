import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { insurers } from '@/db/schema';

/** "Ver Obras Sociales / Prepagas": active, web-enabled insurers with their general message, A→Z. */
export async function listWebInsurers(db: DbOrTx) {
  const name = sql<string>`coalesce(nullif(${insurers.webName}, ''), ${insurers.name})`;
  return db
    .select({ id: insurers.id, name, generalMessage: insurers.generalMessage })
    .from(insurers)
    .where(and(eq(insurers.active, true), eq(insurers.webEnabled, true)))
    .orderBy(asc(name));
}
