import { and, asc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as s from '@/db/schema';
import { listWebInsurers, listWebSpecialties } from '@/lib/catalog/queries';
import { listProfessionalsFor } from '@/lib/availability/queries';
import { saveInsurer, setInsurerActive, setInsurerWebEnabled } from '@/lib/catalog/insurers';
import type { CatalogActor } from '@/lib/catalog/mutation';
import { saveSpecialty, saveSpecialtyWebName, setSpecialtyActive, setSpecialtyWebEnabled } from '@/lib/catalog/specialties';
import { saveStudy, setStudyActive } from '@/lib/catalog/studies';
import { describeEachEngine, type TestDatabase } from '../support/db';
import { insertProfessional } from '../support/fixtures';

/** TURNOS WEB → OBRAS SOCIALES / ESPECIALIDADES ACTIVADAS, ABM ESTUDIOS, Sistema → Especialidades. */

const actor: CatalogActor = { staffId: 7, label: 'admin', ip: '203.0.113.9' };

async function auditOf(db: TestDatabase['db'], entity: string) {
  return db.select().from(s.auditLog).where(eq(s.auditLog.entity, entity)).orderBy(asc(s.auditLog.id));
}

describeEachEngine('catálogo: obras sociales', (getCtx) => {
  it('NUEVO, modificar textos, MODIFICAR ACTIVACION y dar de baja: each writes the row and its audit entry', async () => {
    const { db } = getCtx();
    const created = await saveInsurer(db, actor, {
      name: '  OSDE  ',
      webName: 'OSDE (todos los planes)',
      generalMessage: 'Atendemos planes 210 a 510.\nTraer credencial.',
      bookingMessage: '',
    });
    expect(created).toMatchObject({ ok: true });
    const id = created.ok ? created.id : -1;
    const [row] = await db.select().from(s.insurers).where(eq(s.insurers.id, id));
    // Trimmed, line breaks kept, off the web until activated.
    expect(row).toMatchObject({ name: 'OSDE', generalMessage: 'Atendemos planes 210 a 510.\nTraer credencial.', webEnabled: false, active: true });

    expect(await saveInsurer(db, actor, { id, name: 'OSDE', webName: '', generalMessage: 'Nuevo', bookingMessage: 'Traer orden' })).toEqual({ ok: true, id });
    expect(await setInsurerWebEnabled(db, actor, { id, on: true })).toEqual({ ok: true, id });
    expect(await setInsurerActive(db, actor, { id, on: false })).toEqual({ ok: true, id });

    const audit = await auditOf(db, 'insurers');
    expect(audit.map((a) => a.action)).toEqual(['insurer.create', 'insurer.update', 'insurer.web_enable', 'insurer.deactivate']);
    expect(audit.every((a) => a.actorKind === 'staff' && a.actorId === 7 && a.actorLabel === 'admin' && a.ip === '203.0.113.9')).toBe(true);
    expect(audit.every((a) => a.entityId === String(id))).toBe(true);
    expect(audit[0].before).toBeNull();
    expect(audit[1]).toMatchObject({ before: { generalMessage: 'Atendemos planes 210 a 510.\nTraer credencial.' }, after: { generalMessage: 'Nuevo', bookingMessage: 'Traer orden' } });
    expect(audit[2]).toMatchObject({ before: { webEnabled: false }, after: { webEnabled: true } });
    expect(audit[3]).toMatchObject({ before: { active: true }, after: { active: false } });
  });

  it('refuses a duplicate name (any case) next to the field and writes nothing', async () => {
    const { db } = getCtx();
    expect(await saveInsurer(db, actor, { name: 'IOMA', webName: '', generalMessage: '', bookingMessage: '' })).toMatchObject({ ok: true });
    const other = await saveInsurer(db, actor, { name: 'PAMI', webName: '', generalMessage: '', bookingMessage: '' });
    const duplicate = { ok: false, error: 'Revise los datos marcados.', fieldErrors: { name: 'Ya existe una obra social con ese nombre.' } };
    expect(await saveInsurer(db, actor, { name: 'ioma', webName: 'X', generalMessage: '', bookingMessage: '' })).toEqual(duplicate);
    // Renaming onto another's name is refused too, and the rename is not half-applied.
    const otherId = other.ok ? other.id : -1;
    expect(await saveInsurer(db, actor, { id: otherId, name: 'Ioma', webName: 'cambiado', generalMessage: '', bookingMessage: '' })).toEqual(duplicate);
    const rows = await db.select().from(s.insurers).orderBy(asc(s.insurers.id));
    expect(rows.map((r) => [r.name, r.webName])).toEqual([
      ['IOMA', ''],
      ['PAMI', ''],
    ]);
    expect(await auditOf(db, 'insurers')).toHaveLength(2);
  });

  it('refuses invalid input with Spanish field errors and writes nothing', async () => {
    const { db } = getCtx();
    const result = await saveInsurer(db, actor, { name: '   ', webName: 'x'.repeat(121), generalMessage: '', bookingMessage: 'y'.repeat(2001) });
    expect(result).toEqual({
      ok: false,
      error: 'Revise los datos marcados.',
      fieldErrors: {
        name: 'Ingrese el nombre de la obra social.',
        webName: 'Nombre para la Web: hasta 120 caracteres.',
        bookingMessage: 'Mensaje p/ Turnos: hasta 2000 caracteres.',
      },
    });
    expect(await setInsurerWebEnabled(db, actor, { id: 0, on: true })).toMatchObject({ ok: false });
    expect(await setInsurerWebEnabled(db, actor, { id: 999, on: true })).toEqual({ ok: false, error: 'La obra social ya no existe. Actualice la página.' });
    expect(await db.select().from(s.insurers)).toHaveLength(0);
    expect(await db.select().from(s.auditLog)).toHaveLength(0);
  });

  it('the portal lists an insurer only while it is active and web-enabled, by its web name', async () => {
    const { db } = getCtx();
    const saved = await saveInsurer(db, actor, { name: 'SWISS MEDICAL', webName: 'Swiss Medical', generalMessage: 'Solo planes SMG', bookingMessage: '' });
    const id = saved.ok ? saved.id : -1;
    expect(await listWebInsurers(db)).toEqual([]);
    await setInsurerWebEnabled(db, actor, { id, on: true });
    expect(await listWebInsurers(db)).toEqual([{ id, name: 'Swiss Medical', generalMessage: 'Solo planes SMG' }]);
    await setInsurerActive(db, actor, { id, on: false });
    expect(await listWebInsurers(db)).toEqual([]);
    await setInsurerActive(db, actor, { id, on: true });
    await setInsurerWebEnabled(db, actor, { id, on: false });
    expect(await listWebInsurers(db)).toEqual([]);
  });
});

describeEachEngine('catálogo: especialidades', (getCtx) => {
  async function webProfessionalIn(db: TestDatabase['db'], specialtyId: number) {
    const pro = await insertProfessional(db, { webEnabled: true });
    await db.insert(s.professionalSpecialties).values({ professionalId: pro.id, specialtyId });
    return pro;
  }

  it('NUEVO, rename, Nombre para la Web, activation and baja: audited, and the portal follows at once', async () => {
    const { db } = getCtx();
    const created = await saveSpecialty(db, actor, { name: 'TRAUMATOLOGIA' });
    expect(created).toMatchObject({ ok: true });
    const id = created.ok ? created.id : -1;
    const pro = await webProfessionalIn(db, id);
    expect(await listWebSpecialties(db)).toEqual([]); // new specialties start off the web

    expect(await setSpecialtyWebEnabled(db, actor, { id, on: true })).toEqual({ ok: true, id });
    expect(await listWebSpecialties(db)).toEqual([{ id, name: 'TRAUMATOLOGIA' }]);
    expect(await saveSpecialtyWebName(db, actor, { id, webName: 'Traumatología y Ortopedia' })).toEqual({ ok: true, id });
    expect(await listWebSpecialties(db)).toEqual([{ id, name: 'Traumatología y Ortopedia' }]);
    expect((await listProfessionalsFor(db, { specialtyId: id }, true)).map((p) => p.id)).toEqual([pro.id]);
    expect(await saveSpecialty(db, actor, { id, name: 'TRAUMATOLOGIA INFANTIL' })).toEqual({ ok: true, id });

    expect(await setSpecialtyWebEnabled(db, actor, { id, on: false })).toEqual({ ok: true, id });
    expect(await listWebSpecialties(db)).toEqual([]);
    expect(await listProfessionalsFor(db, { specialtyId: id }, true)).toEqual([]);
    await setSpecialtyWebEnabled(db, actor, { id, on: true });
    expect(await setSpecialtyActive(db, actor, { id, on: false })).toEqual({ ok: true, id });
    expect(await listWebSpecialties(db)).toEqual([]);

    const audit = await auditOf(db, 'specialties');
    expect(audit.map((a) => a.action)).toEqual([
      'specialty.create',
      'specialty.web_enable',
      'specialty.web_name',
      'specialty.rename',
      'specialty.web_disable',
      'specialty.web_enable',
      'specialty.deactivate',
    ]);
    expect(audit[3]).toMatchObject({ before: { name: 'TRAUMATOLOGIA' }, after: { name: 'TRAUMATOLOGIA INFANTIL' } });
  });

  it('refuses duplicate and empty names with the Spanish message and writes nothing', async () => {
    const { db } = getCtx();
    await saveSpecialty(db, actor, { name: 'CARDIOLOGIA' });
    expect(await saveSpecialty(db, actor, { name: 'Cardiologia' })).toEqual({
      ok: false,
      error: 'Revise los datos marcados.',
      fieldErrors: { name: 'Ya existe una especialidad con ese nombre.' },
    });
    expect(await saveSpecialty(db, actor, { name: '' })).toMatchObject({ ok: false, fieldErrors: { name: 'Ingrese el nombre de la especialidad.' } });
    expect(await db.select().from(s.specialties)).toHaveLength(1);
    expect(await auditOf(db, 'specialties')).toHaveLength(1);
  });
});

describeEachEngine('catálogo: ABM Estudios', (getCtx) => {
  it('NUEVO with its INDICACION, modify, baja and reactivar, audited; duplicates refused', async () => {
    const { db } = getCtx();
    const created = await saveStudy(db, actor, { name: 'ECOGRAFIA ABDOMINAL', indication: 'Presentarse con 12 horas de ayuno.' });
    const id = created.ok ? created.id : -1;
    expect(await saveStudy(db, actor, { id, name: 'ECOGRAFIA ABDOMINAL', indication: 'Ayuno de 8 horas.\nVejiga llena.' })).toEqual({ ok: true, id });
    expect(await saveStudy(db, actor, { name: 'ecografia abdominal', indication: '' })).toEqual({
      ok: false,
      error: 'Revise los datos marcados.',
      fieldErrors: { name: 'Ya existe un estudio con ese nombre.' },
    });
    expect(await setStudyActive(db, actor, { id, on: false })).toEqual({ ok: true, id });
    const [row] = await db.select().from(s.studies);
    expect(row).toMatchObject({ indication: 'Ayuno de 8 horas.\nVejiga llena.', active: false });
    expect(await setStudyActive(db, actor, { id, on: true })).toEqual({ ok: true, id });
    const audit = await auditOf(db, 'studies');
    expect(audit.map((a) => a.action)).toEqual(['study.create', 'study.update', 'study.deactivate', 'study.reactivate']);
    expect(audit[1]).toMatchObject({
      before: { indication: 'Presentarse con 12 horas de ayuno.' },
      after: { indication: 'Ayuno de 8 horas.\nVejiga llena.' },
    });
    expect(await db.select().from(s.studies).where(and(eq(s.studies.active, true)))).toHaveLength(1);
  });
});
