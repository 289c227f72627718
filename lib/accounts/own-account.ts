import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { patients, webAccounts } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import { beginLoginAttempt, finishLoginAttempt } from '@/lib/auth/throttle';

/** The signed-in patient's own account. `patientId` always comes from the session. */
export async function ownAccount(db: DbOrTx, patientId: number) {
  const [row] = await db
    .select({
      accountId: webAccounts.id,
      patientId: patients.id,
      dni: patients.dni,
      lastName: patients.lastName,
      firstName: patients.firstName,
      email: patients.email,
      passwordHash: webAccounts.passwordHash,
    })
    .from(webAccounts)
    .innerJoin(patients, eq(patients.id, webAccounts.patientId))
    .where(eq(webAccounts.patientId, patientId))
    .limit(1);
  // requirePatient() checked the account exists and is usable: its absence here is a bug.
  if (!row) throw new Error(`patient ${patientId} has no web account`);
  return row;
}

export type OwnAccount = Awaited<ReturnType<typeof ownAccount>>;

/**
 * "Contraseña actual" on Mis Datos. Counted with the sign-in attempts of that DNI, so a session
 * left open cannot be used to guess the password (and then change the e-mail) without limit.
 */
export async function checkCurrentPassword(
  db: DbOrTx,
  account: Pick<OwnAccount, 'dni' | 'passwordHash'>,
  password: string,
  ip: string,
): Promise<'ok' | 'wrong' | 'throttled'> {
  const attempt = await beginLoginAttempt(db, { scope: 'patient', identifier: account.dni, ip });
  if (attempt.throttled) return 'throttled';
  const ok = await verifyPassword(password, account.passwordHash);
  await finishLoginAttempt(db, attempt.attemptId, ok);
  return ok ? 'ok' : 'wrong';
}
