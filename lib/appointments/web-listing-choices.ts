import 'server-only';
import { asc, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { insurers, professionals, specialties, studies } from '@/db/schema';

export interface Choice {
  id: number;
  name: string;
  active: boolean;
}

/**
 * What the listing's selects offer: every specialty, study, professional and insurer, active or
 * not (an old turno may be of a professional no longer working), A→Z, active ones first.
 */
export async function listWebListingChoices(db: DbOrTx) {
  const [specialtyRows, studyRows, professionalRows, insurerRows] = await Promise.all([
    db.select({ id: specialties.id, name: specialties.name, active: specialties.active }).from(specialties).orderBy(asc(specialties.name)),
    db.select({ id: studies.id, name: studies.name, active: studies.active }).from(studies).orderBy(asc(studies.name)),
    db
      .select({ id: professionals.id, name: sql<string>`${professionals.lastName} || ' ' || ${professionals.firstName}`, active: professionals.active })
      .from(professionals)
      .orderBy(asc(professionals.lastName), asc(professionals.firstName)),
    db.select({ id: insurers.id, name: insurers.name, active: insurers.active }).from(insurers).orderBy(asc(insurers.name)),
  ]);
  const activeFirst = (rows: Choice[]) => [...rows.filter((r) => r.active), ...rows.filter((r) => !r.active)];
  return {
    specialties: activeFirst(specialtyRows),
    studies: activeFirst(studyRows),
    professionals: activeFirst(professionalRows),
    insurers: activeFirst(insurerRows),
  };
}
