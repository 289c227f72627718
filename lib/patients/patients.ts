import { isUniqueViolation } from '@/db/errors';
import { asc, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { foldedContainsEveryWord } from '@/lib/search/fold';
import { containsPattern } from '@/lib/search/like';
import type { Db, DbOrTx } from '@/db/client';
import { insurers, patients } from '@/db/schema';
import { writeAudit } from '@/lib/audit/log';
import { normalizeDni, type PatientInput } from './schemas';

export interface PatientMatch {
  id: number;
  dni: string;
  name: string;
  insurerId: number | null;
  insurer: string | null;
  email: string;
  mobile: string;
}

const matchColumns = {
  id: patients.id,
  dni: patients.dni,
  name: sql<string>`${patients.lastName} || ' ' || ${patients.firstName}`,
  insurerId: patients.insurerId,
  insurer: insurers.name,
  email: patients.email,
  mobile: patients.mobile,
};

/** Search by DNI (prefix) or by last/first name; at most `limit` rows, A→Z. */
export async function searchPatients(db: DbOrTx, query: string, limit = 20): Promise<PatientMatch[]> {
  const q = query.trim();
  if (q.length < 2) return [];
  const dni = normalizeDni(q);
  const byDni = /^\d+$/.test(dni);
  return db
    .select(matchColumns)
    .from(patients)
    .leftJoin(insurers, eq(insurers.id, patients.insurerId))
    .where(
      byDni
        ? sql`${patients.dni} like ${`${dni}%`}`
        : or(foldedContainsEveryWord(sql`${patients.lastName} || ' ' || ${patients.firstName}`, q), ilike(patients.email, containsPattern(q))),
    )
    .orderBy(asc(patients.lastName), asc(patients.firstName))
    .limit(limit);
}

/** Staff creates a patient (e.g. one calling to book). A DNI already on file is refused by the field. */
export async function createPatient(
  db: Db,
  input: PatientInput,
  actor: { staffId: number; ip?: string },
): Promise<{ ok: true; patientId: number } | { ok: false; error: string; fieldErrors?: Record<string, string> }> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(patients).values(input).returning();
      await writeAudit(tx, { kind: 'staff', staffId: actor.staffId }, {
        action: 'patient.create',
        entity: 'patient',
        entityId: String(row.id),
        after: row,
        ip: actor.ip,
      });
      return { ok: true as const, patientId: row.id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      return { ok: false, error: 'Ya hay un paciente con ese DNI.', fieldErrors: { dni: 'Ya hay un paciente con ese DNI: búsquelo.' } };
    }
    throw err;
  }
}

/** Sistema → Pacientes: the most recently added, or a search; never more than `limit` rows. */
export async function listPatientsForStaff(db: DbOrTx, query: string, limit = 50): Promise<PatientMatch[]> {
  if (query.trim().length >= 2) return searchPatients(db, query, limit);
  return db
    .select(matchColumns)
    .from(patients)
    .leftJoin(insurers, eq(insurers.id, patients.insurerId))
    .orderBy(desc(patients.id))
    .limit(limit);
}

export async function getPatientForStaff(db: DbOrTx, id: number) {
  const [row] = await db.select().from(patients).where(eq(patients.id, id));
  return row ?? null;
}

/** Staff corrects a patient's data. A DNI that belongs to someone else is refused by the field. */
export async function updatePatient(
  db: Db,
  id: number,
  input: PatientInput,
  actor: { staffId: number; ip?: string },
): Promise<{ ok: true; patientId: number } | { ok: false; error: string; fieldErrors?: Record<string, string> }> {
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(patients).where(eq(patients.id, id)).for('update');
      if (!before) return { ok: false as const, error: 'Ese paciente no existe.' };
      const [after] = await tx.update(patients).set({ ...input, updatedAt: new Date() }).where(eq(patients.id, id)).returning();
      await writeAudit(tx, { kind: 'staff', staffId: actor.staffId }, {
        action: 'patient.update',
        entity: 'patient',
        entityId: String(id),
        before,
        after,
        ip: actor.ip,
      });
      return { ok: true as const, patientId: id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      return { ok: false, error: 'Ya hay otro paciente con ese DNI.', fieldErrors: { dni: 'Ya hay otro paciente con ese DNI.' } };
    }
    throw err;
  }
}
