import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { specialties } from '@/db/schema';
import { auditedChange, refuse, validate, type CatalogActor, type CatalogResult } from './mutation';
import {
  specialtySchema,
  specialtyWebSchema,
  switchSchema,
  type SpecialtyInput,
  type SpecialtyWebInput,
  type SwitchInput,
} from './schemas';

const DUPLICATE = 'Ya existe una especialidad con ese nombre.';
const GONE = 'La especialidad ya no existe. Actualice la página.';

/** Sistema → Especialidades: NUEVO (without id) or rename (with id). */
export async function saveSpecialty(db: Db, actor: CatalogActor, raw: SpecialtyInput): Promise<CatalogResult<{ id: number }>> {
  const input = validate(specialtySchema, raw);
  if (!input.ok) return input;
  const { id, name } = input.data;
  if (id === undefined) {
    return auditedChange(db, actor, { action: 'specialty.create', entity: 'specialties', duplicate: DUPLICATE }, async (tx) => {
      const [after] = await tx.insert(specialties).values({ name }).returning();
      return { entityId: after.id, before: null, after };
    });
  }
  return auditedChange(db, actor, { action: 'specialty.rename', entity: 'specialties', duplicate: DUPLICATE }, async (tx) => {
    const [before] = await tx.select().from(specialties).where(eq(specialties.id, id)).for('update');
    if (!before) refuse(GONE);
    const [after] = await tx.update(specialties).set({ name }).where(eq(specialties.id, id)).returning();
    return { entityId: id, before, after };
  });
}

/** TURNOS WEB → ESPECIALIDADES ACTIVADAS: the Nombre para la Web. */
export async function saveSpecialtyWebName(db: Db, actor: CatalogActor, raw: SpecialtyWebInput): Promise<CatalogResult<{ id: number }>> {
  const input = validate(specialtyWebSchema, raw);
  if (!input.ok) return input;
  const { id, webName } = input.data;
  return auditedChange(db, actor, { action: 'specialty.web_name', entity: 'specialties' }, async (tx) => {
    const [before] = await tx.select().from(specialties).where(eq(specialties.id, id)).for('update');
    if (!before) refuse(GONE);
    const [after] = await tx.update(specialties).set({ webName }).where(eq(specialties.id, id)).returning();
    return { entityId: id, before, after };
  });
}

async function setSpecialtyFlag(db: Db, actor: CatalogActor, raw: SwitchInput, flag: 'webEnabled' | 'active') {
  const input = validate(switchSchema, raw);
  if (!input.ok) return input;
  const { id, on } = input.data;
  const action =
    flag === 'webEnabled' ? (on ? 'specialty.web_enable' : 'specialty.web_disable') : on ? 'specialty.reactivate' : 'specialty.deactivate';
  return auditedChange(db, actor, { action, entity: 'specialties' }, async (tx) => {
    const [before] = await tx.select().from(specialties).where(eq(specialties.id, id)).for('update');
    if (!before) refuse(GONE);
    const [after] = await tx.update(specialties).set({ [flag]: on }).where(eq(specialties.id, id)).returning();
    return { entityId: id, before, after };
  });
}

/** MODIFICAR ACTIVACION: whether patients can pick this specialty on the web. */
export function setSpecialtyWebEnabled(db: Db, actor: CatalogActor, raw: SwitchInput): Promise<CatalogResult<{ id: number }>> {
  return setSpecialtyFlag(db, actor, raw, 'webEnabled');
}

/** Dar de baja / reactivar. A specialty dada de baja is offered nowhere; its history stays. */
export function setSpecialtyActive(db: Db, actor: CatalogActor, raw: SwitchInput): Promise<CatalogResult<{ id: number }>> {
  return setSpecialtyFlag(db, actor, raw, 'active');
}
