import 'server-only';
import { asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { insurers, professionalSpecialties, professionalStudies, professionals, specialties, studies } from '@/db/schema';
import { foldedContains } from '@/lib/search/fold';

/**
 * The staff's catalogue lists: every row, active first and "dadas de baja" below, filtered by the
 * search box on the server. Capped so a center with thousands of rows still gets a fast page.
 */
export const LIST_LIMIT = 300;

export interface ListOptions {
  q?: string;
}

function search(q: string | undefined, ...columns: Parameters<typeof foldedContains>[0][]): SQL | undefined {
  const term = q?.trim();
  if (!term) return undefined;
  return or(...columns.map((c) => foldedContains(c, term)));
}

export async function listInsurersForAdmin(db: DbOrTx, { q }: ListOptions = {}) {
  return db
    .select({
      id: insurers.id,
      name: insurers.name,
      active: insurers.active,
      webEnabled: insurers.webEnabled,
      webName: insurers.webName,
      generalMessage: insurers.generalMessage,
      bookingMessage: insurers.bookingMessage,
    })
    .from(insurers)
    .where(search(q, insurers.name, insurers.webName))
    .orderBy(desc(insurers.active), asc(insurers.name))
    .limit(LIST_LIMIT + 1);
}

export async function getInsurer(db: DbOrTx, id: number) {
  const [row] = await db
    .select({
      id: insurers.id,
      name: insurers.name,
      active: insurers.active,
      webName: insurers.webName,
      generalMessage: insurers.generalMessage,
      bookingMessage: insurers.bookingMessage,
    })
    .from(insurers)
    .where(eq(insurers.id, id));
  return row ?? null;
}

export async function listSpecialtiesForAdmin(db: DbOrTx, { q }: ListOptions = {}) {
  return db
    .select({
      id: specialties.id,
      name: specialties.name,
      active: specialties.active,
      webEnabled: specialties.webEnabled,
      webName: specialties.webName,
      professionals: sql<number>`(select count(*)::int from ${professionalSpecialties} where ${professionalSpecialties.specialtyId} = ${specialties.id})`,
    })
    .from(specialties)
    .where(search(q, specialties.name, specialties.webName))
    .orderBy(desc(specialties.active), asc(specialties.name))
    .limit(LIST_LIMIT + 1);
}

export async function getSpecialty(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ id: specialties.id, name: specialties.name, active: specialties.active, webName: specialties.webName })
    .from(specialties)
    .where(eq(specialties.id, id));
  return row ?? null;
}

/** Every specialty, for the professional form's checkboxes (active first). */
export async function listSpecialtyOptions(db: DbOrTx) {
  return db
    .select({ id: specialties.id, name: specialties.name, active: specialties.active })
    .from(specialties)
    .orderBy(desc(specialties.active), asc(specialties.name));
}

export async function listStudiesForAdmin(db: DbOrTx, { q }: ListOptions = {}) {
  return db
    .select({
      id: studies.id,
      name: studies.name,
      indication: studies.indication,
      active: studies.active,
      professionals: sql<number>`(select count(*)::int from ${professionalStudies} where ${professionalStudies.studyId} = ${studies.id})`,
    })
    .from(studies)
    .where(search(q, studies.name))
    .orderBy(desc(studies.active), asc(studies.name))
    .limit(LIST_LIMIT + 1);
}

export async function getStudy(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ id: studies.id, name: studies.name, indication: studies.indication, active: studies.active })
    .from(studies)
    .where(eq(studies.id, id));
  return row ?? null;
}

/** Every study, for the ESTUDIOS checkboxes (active first). */
export async function listStudyOptions(db: DbOrTx) {
  return db
    .select({ id: studies.id, name: studies.name, indication: studies.indication, active: studies.active })
    .from(studies)
    .orderBy(desc(studies.active), asc(studies.name));
}

/** Professionals with their specialty names: two queries whatever the count. */
export async function listProfessionalsForAdmin(db: DbOrTx, { q }: ListOptions = {}) {
  const rows = await db
    .select({
      id: professionals.id,
      lastName: professionals.lastName,
      firstName: professionals.firstName,
      license: professionals.license,
      email: professionals.email,
      active: professionals.active,
      webEnabled: professionals.webEnabled,
      generalMessage: professionals.generalMessage,
      bookingMessage: professionals.bookingMessage,
      maxDaysAhead: professionals.maxDaysAhead,
      studies: sql<number>`(select count(*)::int from ${professionalStudies} where ${professionalStudies.professionalId} = ${professionals.id})`,
    })
    .from(professionals)
    .where(
      search(q, professionals.lastName, professionals.firstName, professionals.license, sql`${professionals.lastName} || ' ' || ${professionals.firstName}`),
    )
    .orderBy(desc(professionals.active), asc(professionals.lastName), asc(professionals.firstName))
    .limit(LIST_LIMIT + 1);
  if (rows.length === 0) return [];
  const links = await db
    .select({ professionalId: professionalSpecialties.professionalId, name: specialties.name })
    .from(professionalSpecialties)
    .innerJoin(specialties, eq(specialties.id, professionalSpecialties.specialtyId))
    .where(inArray(professionalSpecialties.professionalId, rows.map((r) => r.id)))
    .orderBy(asc(specialties.name));
  return rows.map((r) => ({ ...r, specialties: links.filter((l) => l.professionalId === r.id).map((l) => l.name) }));
}

export async function getProfessional(db: DbOrTx, id: number) {
  const [row] = await db
    .select({
      id: professionals.id,
      lastName: professionals.lastName,
      firstName: professionals.firstName,
      license: professionals.license,
      email: professionals.email,
      active: professionals.active,
      webEnabled: professionals.webEnabled,
      generalMessage: professionals.generalMessage,
      bookingMessage: professionals.bookingMessage,
      maxDaysAhead: professionals.maxDaysAhead,
    })
    .from(professionals)
    .where(eq(professionals.id, id));
  if (!row) return null;
  const [specs, studs] = await Promise.all([
    db.select({ id: professionalSpecialties.specialtyId }).from(professionalSpecialties).where(eq(professionalSpecialties.professionalId, id)),
    db
      .select({ id: studies.id, name: studies.name, active: studies.active })
      .from(professionalStudies)
      .innerJoin(studies, eq(studies.id, professionalStudies.studyId))
      .where(eq(professionalStudies.professionalId, id))
      .orderBy(asc(studies.name)),
  ]);
  return { ...row, specialtyIds: specs.map((s) => s.id), studies: studs };
}

// The catalogue pages' id parser lives with the other id rules.
export { parseId } from '@/lib/validation/record-id';
