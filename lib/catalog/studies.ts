import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { studies } from '@/db/schema';
import { auditedChange, refuse, validate, type CatalogActor, type CatalogResult } from './mutation';
import { studySchema, switchSchema, type StudyInput, type SwitchInput } from './schemas';

const DUPLICATE = 'Ya existe un estudio con ese nombre.';
const GONE = 'El estudio ya no existe. Actualice la página.';

/** ABM ESTUDIOS: NUEVO (without id) or modify name and INDICACION (with id). */
export async function saveStudy(db: Db, actor: CatalogActor, raw: StudyInput): Promise<CatalogResult<{ id: number }>> {
  const input = validate(studySchema, raw);
  if (!input.ok) return input;
  const { id, ...values } = input.data;
  if (id === undefined) {
    return auditedChange(db, actor, { action: 'study.create', entity: 'studies', duplicate: DUPLICATE }, async (tx) => {
      const [after] = await tx.insert(studies).values(values).returning();
      return { entityId: after.id, before: null, after };
    });
  }
  return auditedChange(db, actor, { action: 'study.update', entity: 'studies', duplicate: DUPLICATE }, async (tx) => {
    const [before] = await tx.select().from(studies).where(eq(studies.id, id)).for('update');
    if (!before) refuse(GONE);
    const [after] = await tx.update(studies).set(values).where(eq(studies.id, id)).returning();
    return { entityId: id, before, after };
  });
}

/** Dar de baja (on: false) / reactivar. A study dado de baja disappears from the web at once. */
export async function setStudyActive(db: Db, actor: CatalogActor, raw: SwitchInput): Promise<CatalogResult<{ id: number }>> {
  const input = validate(switchSchema, raw);
  if (!input.ok) return input;
  const { id, on } = input.data;
  return auditedChange(db, actor, { action: on ? 'study.reactivate' : 'study.deactivate', entity: 'studies' }, async (tx) => {
    const [before] = await tx.select().from(studies).where(eq(studies.id, id)).for('update');
    if (!before) refuse(GONE);
    const [after] = await tx.update(studies).set({ active: on }).where(eq(studies.id, id)).returning();
    return { entityId: id, before, after };
  });
}
