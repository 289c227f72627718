import { asc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as s from '@/db/schema';
import { listProfessionalsFor } from '@/lib/availability/queries';
import type { CatalogActor } from '@/lib/catalog/mutation';
import {
  saveProfessional,
  saveProfessionalWeb,
  setProfessionalActive,
  setProfessionalStudies,
  setProfessionalWebEnabled,
} from '@/lib/catalog/professionals';
import { listWebProfessionals, listWebSpecialties, listWebStudies } from '@/lib/catalog/queries';
import { describeEachEngine, type TestDatabase } from '../support/db';

/** Sistema → Profesionales and TURNOS WEB → PROFESIONALES ACTIVADOS, with its ESTUDIOS button. */

const actor: CatalogActor = { staffId: 3, label: 'admin', ip: '198.51.100.4' };

async function catalogue(db: TestDatabase['db']) {
  const [cardio, derma] = await db
    .insert(s.specialties)
    .values([
      { name: 'CARDIOLOGIA', webEnabled: true },
      { name: 'DERMATOLOGIA', webEnabled: true },
    ])
    .returning();
  const [eco, ecg, rx] = await db
    .insert(s.studies)
    .values([{ name: 'ECOGRAFIA ABDOMINAL', indication: 'Ayuno' }, { name: 'ELECTROCARDIOGRAMA' }, { name: 'RADIOGRAFIA' }])
    .returning();
  return { cardio: cardio.id, derma: derma.id, eco: eco.id, ecg: ecg.id, rx: rx.id };
}

const linkedSpecialties = (db: TestDatabase['db'], professionalId: number) =>
  db
    .select({ id: s.professionalSpecialties.specialtyId })
    .from(s.professionalSpecialties)
    .where(eq(s.professionalSpecialties.professionalId, professionalId))
    .orderBy(asc(s.professionalSpecialties.specialtyId))
    .then((rows) => rows.map((r) => r.id));

const linkedStudies = (db: TestDatabase['db'], professionalId: number) =>
  db
    .select({ id: s.professionalStudies.studyId })
    .from(s.professionalStudies)
    .where(eq(s.professionalStudies.professionalId, professionalId))
    .orderBy(asc(s.professionalStudies.studyId))
    .then((rows) => rows.map((r) => r.id));

const audit = (db: TestDatabase['db']) =>
  db.select().from(s.auditLog).where(eq(s.auditLog.entity, 'professionals')).orderBy(asc(s.auditLog.id));

describeEachEngine('catálogo: profesionales', (getCtx) => {
  it('NUEVO with specialties, then modify data and specialties: row, links and audit before/after', async () => {
    const { db } = getCtx();
    const c = await catalogue(db);
    const created = await saveProfessional(db, actor, {
      lastName: 'PEREZ',
      firstName: 'ANA',
      license: 'MN 12345',
      email: 'ana@example.com',
      specialtyIds: [c.cardio, c.cardio],
    });
    expect(created).toMatchObject({ ok: true });
    const id = created.ok ? created.id : -1;
    const [row] = await db.select().from(s.professionals).where(eq(s.professionals.id, id));
    expect(row).toMatchObject({ lastName: 'PEREZ', firstName: 'ANA', license: 'MN 12345', active: true, webEnabled: false, maxDaysAhead: 30 });
    expect(await linkedSpecialties(db, id)).toEqual([c.cardio]);

    expect(await saveProfessional(db, actor, { id, lastName: 'PEREZ', firstName: 'ANA MARIA', license: '', email: '', specialtyIds: [c.derma] })).toEqual({
      ok: true,
      id,
    });
    expect(await linkedSpecialties(db, id)).toEqual([c.derma]);

    const entries = await audit(db);
    expect(entries.map((e) => e.action)).toEqual(['professional.create', 'professional.update']);
    expect(entries[0]).toMatchObject({ before: null, after: { lastName: 'PEREZ', specialtyIds: [c.cardio] }, actorId: 3, entityId: String(id) });
    expect(entries[1]).toMatchObject({
      before: { firstName: 'ANA', license: 'MN 12345', specialtyIds: [c.cardio] },
      after: { firstName: 'ANA MARIA', license: '', specialtyIds: [c.derma] },
    });
  });

  it('refuses invalid input and unknown specialties with Spanish field errors, writing nothing', async () => {
    const { db } = getCtx();
    const c = await catalogue(db);
    expect(await saveProfessional(db, actor, { lastName: '', firstName: 'ANA', license: '', email: 'no-es-mail', specialtyIds: [] })).toEqual({
      ok: false,
      error: 'Revise los datos marcados.',
      fieldErrors: { lastName: 'Ingrese el apellido.', email: 'E-Mail: no es una dirección válida.' },
    });
    expect(await saveProfessional(db, actor, { lastName: 'PEREZ', firstName: 'ANA', license: '', email: '', specialtyIds: [c.cardio, 9999] })).toEqual({
      ok: false,
      error: 'Revise los datos marcados.',
      fieldErrors: { specialtyIds: 'Alguna especialidad elegida ya no existe. Actualice la página.' },
    });
    expect(await db.select().from(s.professionals)).toHaveLength(0);
    expect(await db.select().from(s.professionalSpecialties)).toHaveLength(0);
    expect(await db.select().from(s.auditLog)).toHaveLength(0);
  });

  it('messages and Días Máximos: saved as typed (line breaks kept), 1..730 enforced, audited', async () => {
    const { db } = getCtx();
    const created = await saveProfessional(db, actor, { lastName: 'GOMEZ', firstName: 'LUIS', license: '', email: '', specialtyIds: [] });
    const id = created.ok ? created.id : -1;
    const web = { id, generalMessage: 'Atiende mayores de 15 años.\n<b>No</b> realiza ecografías.', bookingMessage: 'Traer estudios previos.', maxDaysAhead: '60' };
    expect(await saveProfessionalWeb(db, actor, web)).toEqual({ ok: true, id });
    const [row] = await db.select().from(s.professionals);
    expect(row).toMatchObject({ generalMessage: web.generalMessage, bookingMessage: 'Traer estudios previos.', maxDaysAhead: 60 });

    for (const [maxDaysAhead, message] of [
      ['0', 'Días Máximos: mínimo 1.'],
      ['731', 'Días Máximos: máximo 730 (dos años).'],
      ['abc', 'Días Máximos: ingrese un número.'],
      ['2.5', 'Días Máximos: ingrese un número entero.'],
    ]) {
      expect(await saveProfessionalWeb(db, actor, { ...web, generalMessage: 'otro', maxDaysAhead })).toEqual({
        ok: false,
        error: 'Revise los datos marcados.',
        fieldErrors: { maxDaysAhead: message },
      });
    }
    const [after] = await db.select().from(s.professionals);
    expect(after).toMatchObject({ generalMessage: web.generalMessage, maxDaysAhead: 60 });
    const entries = await audit(db);
    expect(entries.map((e) => e.action)).toEqual(['professional.create', 'professional.web_update']);
    expect(entries[1]).toMatchObject({ before: { maxDaysAhead: 30, generalMessage: '' }, after: { maxDaysAhead: 60 } });
  });

  it('MODIFICAR ACTIVACION and dar de baja take the professional off every portal query at once', async () => {
    const { db } = getCtx();
    const c = await catalogue(db);
    const created = await saveProfessional(db, actor, { lastName: 'LOPEZ', firstName: 'EVA', license: '', email: '', specialtyIds: [c.cardio] });
    const id = created.ok ? created.id : -1;
    await setProfessionalStudies(db, actor, { id, studyIds: [c.eco] });
    const offered = async () => ({
      professionals: (await listWebProfessionals(db)).map((p) => p.id),
      specialties: (await listWebSpecialties(db)).map((x) => x.id),
      studies: (await listWebStudies(db)).map((x) => x.id),
      forSpecialty: (await listProfessionalsFor(db, { specialtyId: c.cardio }, true)).map((p) => p.id),
      forStudy: (await listProfessionalsFor(db, { studyId: c.eco }, true)).map((p) => p.id),
    });
    const nothing = { professionals: [], specialties: [], studies: [], forSpecialty: [], forStudy: [] };
    expect(await offered()).toEqual(nothing);

    expect(await setProfessionalWebEnabled(db, actor, { id, on: true })).toEqual({ ok: true, id });
    expect(await offered()).toEqual({ professionals: [id], specialties: [c.cardio], studies: [c.eco], forSpecialty: [id], forStudy: [id] });

    expect(await setProfessionalActive(db, actor, { id, on: false })).toEqual({ ok: true, id });
    expect(await offered()).toEqual(nothing);
    expect(await setProfessionalActive(db, actor, { id, on: true })).toEqual({ ok: true, id });
    expect(await setProfessionalWebEnabled(db, actor, { id, on: false })).toEqual({ ok: true, id });
    expect(await offered()).toEqual(nothing);

    const entries = await audit(db);
    expect(entries.map((e) => e.action)).toEqual([
      'professional.create',
      'professional.studies',
      'professional.web_enable',
      'professional.deactivate',
      'professional.reactivate',
      'professional.web_disable',
    ]);
    expect(entries[2]).toMatchObject({ before: { webEnabled: false }, after: { webEnabled: true } });
  });

  it('ESTUDIOS: assigning replaces professional_studies exactly, audited with the ids before and after', async () => {
    const { db } = getCtx();
    const c = await catalogue(db);
    const created = await saveProfessional(db, actor, { lastName: 'DIAZ', firstName: 'RAUL', license: '', email: '', specialtyIds: [] });
    const id = created.ok ? created.id : -1;
    expect(await setProfessionalStudies(db, actor, { id, studyIds: [c.eco, c.ecg] })).toEqual({ ok: true, id });
    expect(await linkedStudies(db, id)).toEqual([c.eco, c.ecg].sort((a, b) => a - b));
    expect(await setProfessionalStudies(db, actor, { id, studyIds: [c.ecg, c.rx] })).toEqual({ ok: true, id });
    expect(await linkedStudies(db, id)).toEqual([c.ecg, c.rx].sort((a, b) => a - b));
    expect(await setProfessionalStudies(db, actor, { id, studyIds: [c.rx, 424242] })).toMatchObject({
      ok: false,
      fieldErrors: { studyIds: 'Algún estudio elegido ya no existe. Actualice la página.' },
    });
    expect(await linkedStudies(db, id)).toEqual([c.ecg, c.rx].sort((a, b) => a - b));
    expect(await setProfessionalStudies(db, actor, { id, studyIds: [] })).toEqual({ ok: true, id });
    expect(await linkedStudies(db, id)).toEqual([]);

    const entries = (await audit(db)).filter((e) => e.action === 'professional.studies');
    expect(entries.map((e) => [e.before, e.after])).toEqual([
      [{ studyIds: [] }, { studyIds: [c.eco, c.ecg].sort((a, b) => a - b) }],
      [{ studyIds: [c.eco, c.ecg].sort((a, b) => a - b) }, { studyIds: [c.ecg, c.rx].sort((a, b) => a - b) }],
      [{ studyIds: [c.ecg, c.rx].sort((a, b) => a - b) }, { studyIds: [] }],
    ]);
    expect(await setProfessionalStudies(db, actor, { id: 999, studyIds: [c.eco] })).toEqual({
      ok: false,
      error: 'El profesional ya no existe. Actualice la página.',
    });
  });
});
