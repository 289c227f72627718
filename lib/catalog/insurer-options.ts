import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { insurers } from '@/db/schema';

/** Active insurers for staff forms (web-enabled or not). */
export function listActiveInsurers(db: DbOrTx) {
  return db.select({ id: insurers.id, name: insurers.name }).from(insurers).where(eq(insurers.active, true)).orderBy(asc(insurers.name));
}
