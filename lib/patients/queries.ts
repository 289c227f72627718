import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { insurers, patients } from '@/db/schema';

/** A patient's own data as the portal shows it (no secrets). */
export async function getPatientProfile(db: DbOrTx, patientId: number) {
  const [row] = await db
    .select({
      id: patients.id,
      dni: patients.dni,
      lastName: patients.lastName,
      firstName: patients.firstName,
      birthDate: patients.birthDate,
      email: patients.email,
      phone: patients.phone,
      mobile: patients.mobile,
      address: patients.address,
      insurerId: patients.insurerId,
      insurerName: insurers.name,
      memberNumber: patients.memberNumber,
      remindersOptIn: patients.remindersOptIn,
    })
    .from(patients)
    .leftJoin(insurers, eq(insurers.id, patients.insurerId))
    .where(eq(patients.id, patientId));
  return row ?? null;
}
