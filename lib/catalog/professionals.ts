import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Tx, Db } from '@/db/client';
import { professionalSpecialties, professionalStudies, professionals, specialties, studies } from '@/db/schema';
import { auditedChange, refuse, validate, type CatalogActor, type CatalogResult } from './mutation';
import {
  professionalSchema,
  professionalStudiesSchema,
  professionalWebSchema,
  switchSchema,
  type ProfessionalInput,
  type ProfessionalStudiesInput,
  type ProfessionalWebInput,
  type SwitchInput,
} from './schemas';

const GONE = 'El profesional ya no existe. Actualice la página.';

async function lockProfessional(tx: Tx, id: number) {
  const [row] = await tx.select().from(professionals).where(eq(professionals.id, id)).for('update');
  if (!row) refuse(GONE);
  return row;
}

/**
 * Makes the link table hold exactly `wanted` for this professional; returns the ids before and
 * after, sorted, for the audit entry.
 */
async function replaceLinks(
  tx: Tx,
  professionalId: number,
  wanted: number[],
  kind: 'specialties' | 'studies',
): Promise<{ before: number[]; after: number[] }> {
  const link = kind === 'specialties' ? professionalSpecialties : professionalStudies;
  const target = kind === 'specialties' ? specialties : studies;
  const column = kind === 'specialties' ? professionalSpecialties.specialtyId : professionalStudies.studyId;
  const field = kind === 'specialties' ? 'specialtyIds' : 'studyIds';

  if (wanted.length > 0) {
    const found = await tx.select({ id: target.id }).from(target).where(inArray(target.id, wanted));
    if (found.length !== wanted.length) {
      const what = kind === 'specialties' ? 'Alguna especialidad elegida' : 'Algún estudio elegido';
      refuse('Revise los datos marcados.', { [field]: `${what} ya no existe. Actualice la página.` });
    }
  }
  const current = await tx.select({ id: column }).from(link).where(eq(link.professionalId, professionalId)).orderBy(asc(column));
  const before = current.map((r) => r.id);
  await tx
    .delete(link)
    .where(and(eq(link.professionalId, professionalId), wanted.length ? notInArray(column, wanted) : undefined));
  const added = wanted.filter((w) => !before.includes(w));
  if (added.length > 0) {
    const rows = added.map((id) =>
      kind === 'specialties' ? { professionalId, specialtyId: id } : { professionalId, studyId: id },
    );
    if (kind === 'specialties') {
      await tx.insert(professionalSpecialties).values(rows as Array<typeof professionalSpecialties.$inferInsert>).onConflictDoNothing();
    } else {
      await tx.insert(professionalStudies).values(rows as Array<typeof professionalStudies.$inferInsert>).onConflictDoNothing();
    }
  }
  return { before, after: [...wanted].sort((a, b) => a - b) };
}

/** Sistema → Profesionales: NUEVO (without id) or modify (with id), with the specialties. */
export async function saveProfessional(db: Db, actor: CatalogActor, raw: ProfessionalInput): Promise<CatalogResult<{ id: number }>> {
  const input = validate(professionalSchema, raw);
  if (!input.ok) return input;
  const { id, specialtyIds, ...values } = input.data;
  if (id === undefined) {
    return auditedChange(db, actor, { action: 'professional.create', entity: 'professionals' }, async (tx) => {
      const [row] = await tx.insert(professionals).values(values).returning();
      const links = await replaceLinks(tx, row.id, specialtyIds, 'specialties');
      return { entityId: row.id, before: null, after: { ...row, specialtyIds: links.after } };
    });
  }
  return auditedChange(db, actor, { action: 'professional.update', entity: 'professionals' }, async (tx) => {
    const before = await lockProfessional(tx, id);
    const [after] = await tx.update(professionals).set(values).where(eq(professionals.id, id)).returning();
    const links = await replaceLinks(tx, id, specialtyIds, 'specialties');
    return { entityId: id, before: { ...before, specialtyIds: links.before }, after: { ...after, specialtyIds: links.after } };
  });
}

/** TURNOS WEB → PROFESIONALES ACTIVADOS: Mensaje General, Mensaje p/ Turnos, Días Máximos. */
export async function saveProfessionalWeb(db: Db, actor: CatalogActor, raw: ProfessionalWebInput): Promise<CatalogResult<{ id: number }>> {
  const input = validate(professionalWebSchema, raw);
  if (!input.ok) return input;
  const { id, ...values } = input.data;
  return auditedChange(db, actor, { action: 'professional.web_update', entity: 'professionals' }, async (tx) => {
    const before = await lockProfessional(tx, id);
    const [after] = await tx.update(professionals).set(values).where(eq(professionals.id, id)).returning();
    return { entityId: id, before, after };
  });
}

async function setProfessionalFlag(db: Db, actor: CatalogActor, raw: SwitchInput, flag: 'webEnabled' | 'active') {
  const input = validate(switchSchema, raw);
  if (!input.ok) return input;
  const { id, on } = input.data;
  const action =
    flag === 'webEnabled'
      ? on
        ? 'professional.web_enable'
        : 'professional.web_disable'
      : on
        ? 'professional.reactivate'
        : 'professional.deactivate';
  return auditedChange(db, actor, { action, entity: 'professionals' }, async (tx) => {
    const before = await lockProfessional(tx, id);
    const [after] = await tx.update(professionals).set({ [flag]: on }).where(eq(professionals.id, id)).returning();
    return { entityId: id, before, after };
  });
}

/** MODIFICAR ACTIVACION: whether patients can book this professional on the web. */
export function setProfessionalWebEnabled(db: Db, actor: CatalogActor, raw: SwitchInput): Promise<CatalogResult<{ id: number }>> {
  return setProfessionalFlag(db, actor, raw, 'webEnabled');
}

/** Dar de baja / reactivar. Booked appointments stay; the professional is offered nowhere. */
export function setProfessionalActive(db: Db, actor: CatalogActor, raw: SwitchInput): Promise<CatalogResult<{ id: number }>> {
  return setProfessionalFlag(db, actor, raw, 'active');
}

/** The ESTUDIOS button: exactly these studies, whatever the professional's specialty. */
export async function setProfessionalStudies(db: Db, actor: CatalogActor, raw: ProfessionalStudiesInput): Promise<CatalogResult<{ id: number }>> {
  const input = validate(professionalStudiesSchema, raw);
  if (!input.ok) return input;
  const { id, studyIds } = input.data;
  return auditedChange(db, actor, { action: 'professional.studies', entity: 'professionals' }, async (tx) => {
    await lockProfessional(tx, id);
    const links = await replaceLinks(tx, id, studyIds, 'studies');
    return { entityId: id, before: { studyIds: links.before }, after: { studyIds: links.after } };
  });
}
