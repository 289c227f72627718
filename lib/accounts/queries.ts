import 'server-only';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { accountTokens, insurers, webAccounts } from '@/db/schema';
import { listWebInsurers } from '@/lib/catalog/queries';
import { getPatientProfile } from '@/lib/patients/queries';

/** Mis Datos: the patient's own row, the e-mail change awaiting confirmation, the insurers to choose from. */
export async function getMyData(db: DbOrTx, patientId: number) {
  const [profile, webInsurers, [pending]] = await Promise.all([
    getPatientProfile(db, patientId),
    listWebInsurers(db),
    db
      .select({ newEmail: accountTokens.newEmail })
      .from(accountTokens)
      .innerJoin(webAccounts, eq(webAccounts.id, accountTokens.accountId))
      .where(
        and(
          eq(webAccounts.patientId, patientId),
          eq(accountTokens.purpose, 'email_change'),
          isNull(accountTokens.usedAt),
          gt(accountTokens.expiresAt, sql`now()`),
        ),
      )
      .orderBy(desc(accountTokens.createdAt))
      .limit(1),
  ]);
  if (!profile) return null;
  // An insurer the center no longer offers on the web still shows as the patient's current one.
  const options = webInsurers.map(({ id, name }) => ({ id, name }));
  if (profile.insurerId && !options.some((o) => o.id === profile.insurerId)) {
    const [current] = await db.select({ id: insurers.id, name: insurers.name }).from(insurers).where(eq(insurers.id, profile.insurerId));
    if (current) options.push(current);
  }
  return { profile, insurers: options, pendingEmail: pending?.newEmail ?? null };
}
