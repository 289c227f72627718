import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { insurers, professionalSpecialties, professionalStudies, professionals, specialties, studies } from '@/db/schema';
import { preparedQuery } from '@/db/prepared';

/** "Ver Obras Sociales / Prepagas": active, web-enabled insurers with their general message, A→Z. */
export async function listWebInsurers(db: DbOrTx) {
  const name = sql<string>`coalesce(nullif(${insurers.webName}, ''), ${insurers.name})`;
  return db
    .select({ id: insurers.id, name, generalMessage: insurers.generalMessage })
    .from(insurers)
    .where(and(eq(insurers.active, true), eq(insurers.webEnabled, true)))
    .orderBy(asc(name));
}

/** Web-enabled specialties that have at least one web-enabled professional, by their web name. */
export async function listWebSpecialties(db: DbOrTx) {
  const name = sql<string>`coalesce(nullif(${specialties.webName}, ''), ${specialties.name})`;
  return db
    .selectDistinct({ id: specialties.id, name })
    .from(specialties)
    .innerJoin(professionalSpecialties, eq(professionalSpecialties.specialtyId, specialties.id))
    .innerJoin(professionals, eq(professionals.id, professionalSpecialties.professionalId))
    .where(
      and(
        eq(specialties.active, true),
        eq(specialties.webEnabled, true),
        eq(professionals.active, true),
        eq(professionals.webEnabled, true),
      ),
    )
    .orderBy(asc(name));
}

/** Active studies some web-enabled professional performs, with their indication. */
export async function listWebStudies(db: DbOrTx) {
  return db
    .selectDistinct({ id: studies.id, name: studies.name, indication: studies.indication })
    .from(studies)
    .innerJoin(professionalStudies, eq(professionalStudies.studyId, studies.id))
    .innerJoin(professionals, eq(professionals.id, professionalStudies.professionalId))
    .where(and(eq(studies.active, true), eq(professionals.active, true), eq(professionals.webEnabled, true)))
    .orderBy(asc(studies.name));
}

export interface WebProfessionalOption {
  id: number;
  name: string;
  specialties: Array<{ id: number; name: string }>;
  studies: Array<{ id: number; name: string }>;
}

/**
 * Web-enabled professionals A→Z with their web specialties and studies (so the patient who picks
 * a professional directly sees what each one does). Three queries, whatever the count.
 */
export async function listWebProfessionals(db: DbOrTx): Promise<WebProfessionalOption[]> {
  const pros = await db
    .select({ id: professionals.id, name: sql<string>`${professionals.lastName} || ' ' || ${professionals.firstName}` })
    .from(professionals)
    .where(and(eq(professionals.active, true), eq(professionals.webEnabled, true)))
    .orderBy(asc(professionals.lastName), asc(professionals.firstName));
  if (pros.length === 0) return [];
  const ids = pros.map((p) => p.id);
  const [specs, studs] = await Promise.all([
    db
      .select({
        professionalId: professionalSpecialties.professionalId,
        id: specialties.id,
        name: sql<string>`coalesce(nullif(${specialties.webName}, ''), ${specialties.name})`,
      })
      .from(professionalSpecialties)
      .innerJoin(specialties, eq(specialties.id, professionalSpecialties.specialtyId))
      .where(and(inArray(professionalSpecialties.professionalId, ids), eq(specialties.active, true), eq(specialties.webEnabled, true)))
      .orderBy(asc(specialties.name)),
    db
      .select({ professionalId: professionalStudies.professionalId, id: studies.id, name: studies.name })
      .from(professionalStudies)
      .innerJoin(studies, eq(studies.id, professionalStudies.studyId))
      .where(and(inArray(professionalStudies.professionalId, ids), eq(studies.active, true)))
      .orderBy(asc(studies.name)),
  ]);
  return pros.map((p) => ({
    ...p,
    specialties: specs.filter((x) => x.professionalId === p.id).map(({ id, name }) => ({ id, name })),
    studies: studs.filter((x) => x.professionalId === p.id).map(({ id, name }) => ({ id, name })),
  }));
}

/** One specialty or study as the web shows it, or null when it is not offered on the web. */
export async function getWebSpecialty(db: DbOrTx, id: number) {
  // Prepared (db/prepared.ts): each week page of the portal looks it up.
  const query = preparedQuery(db, 'web_specialty', (db) =>
    db
      .select({ id: specialties.id, name: sql<string>`coalesce(nullif(${specialties.webName}, ''), ${specialties.name})` })
      .from(specialties)
      .where(and(eq(specialties.id, sql.placeholder('id')), eq(specialties.active, true), eq(specialties.webEnabled, true)))
      .prepare('web_specialty'),
  );
  const [row] = await query.execute({ id });
  return row ?? null;
}

export async function getWebStudy(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ id: studies.id, name: studies.name, indication: studies.indication })
    .from(studies)
    .where(and(eq(studies.id, id), eq(studies.active, true)));
  return row ?? null;
}
