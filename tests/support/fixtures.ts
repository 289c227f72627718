/** The smallest valid rows, for integration tests that need a professional or a patient to point at. */
import { randomInt } from 'node:crypto';
import type { DbOrTx } from '../../db/client';
import { patients, professionals, type NewPatient, type NewProfessional } from '../../db/schema';

export async function insertProfessional(db: DbOrTx, overrides: Partial<NewProfessional> = {}) {
  const [row] = await db
    .insert(professionals)
    .values({ lastName: 'PEREZ', firstName: 'JUAN', ...overrides })
    .returning();
  return row;
}

export async function insertPatient(db: DbOrTx, overrides: Partial<NewPatient> = {}) {
  const [row] = await db
    .insert(patients)
    // A random 8-digit DNI keeps the unique index quiet when a test makes several patients.
    .values({ dni: String(randomInt(10_000_000, 99_999_999)), lastName: 'GOMEZ', firstName: 'ANA', ...overrides })
    .returning();
  return row;
}
