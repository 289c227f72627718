import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { insurers } from '@/db/schema';
import { auditedChange, refuse, validate, type CatalogActor, type CatalogResult } from './mutation';
import { insurerSchema, switchSchema, type InsurerInput, type SwitchInput } from './schemas';

const DUPLICATE = 'Ya existe una obra social con ese nombre.';
const GONE = 'La obra social ya no existe. Actualice la página.';

/** NUEVO (without id) or the web texts of one obra social (with id). */
export async function saveInsurer(db: Db, actor: CatalogActor, raw: InsurerInput): Promise<CatalogResult<{ id: number }>> {
  const input = validate(insurerSchema, raw);
  if (!input.ok) return input;
  const { id, ...values } = input.data;
  if (id === undefined) {
    return auditedChange(db, actor, { action: 'insurer.create', entity: 'insurers', duplicate: DUPLICATE }, async (tx) => {
      const [after] = await tx.insert(insurers).values(values).returning();
      return { entityId: after.id, before: null, after };
    });
  }
  return auditedChange(db, actor, { action: 'insurer.update', entity: 'insurers', duplicate: DUPLICATE }, async (tx) => {
    const [before] = await tx.select().from(insurers).where(eq(insurers.id, id)).for('update');
    if (!before) refuse(GONE);
    const [after] = await tx.update(insurers).set(values).where(eq(insurers.id, id)).returning();
    return { entityId: id, before, after };
  });
}

async function setInsurerFlag(
  db: Db,
  actor: CatalogActor,
  raw: SwitchInput,
  flag: 'webEnabled' | 'active',
): Promise<CatalogResult<{ id: number }>> {
  const input = validate(switchSchema, raw);
  if (!input.ok) return input;
  const { id, on } = input.data;
  const action = flag === 'webEnabled' ? (on ? 'insurer.web_enable' : 'insurer.web_disable') : on ? 'insurer.reactivate' : 'insurer.deactivate';
  return auditedChange(db, actor, { action, entity: 'insurers' }, async (tx) => {
    const [before] = await tx.select().from(insurers).where(eq(insurers.id, id)).for('update');
    if (!before) refuse(GONE);
    const [after] = await tx.update(insurers).set({ [flag]: on }).where(eq(insurers.id, id)).returning();
    return { entityId: id, before, after };
  });
}

/** MODIFICAR ACTIVACION: whether patients of this obra social may book on the web. */
export function setInsurerWebEnabled(db: Db, actor: CatalogActor, raw: SwitchInput) {
  return setInsurerFlag(db, actor, raw, 'webEnabled');
}

/** Dar de baja (on: false) keeps the row for history and offers it nowhere; on: true reactivates it. */
export function setInsurerActive(db: Db, actor: CatalogActor, raw: SwitchInput) {
  return setInsurerFlag(db, actor, raw, 'active');
}
