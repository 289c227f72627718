import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as s from '@/db/schema';
import { deleteRule, endRule, saveRule } from '@/lib/agenda/rules';
import { generateSlots } from '@/lib/availability/slots';
import { NOW, TZ } from '../support/center';
import { describeEachEngine } from '../support/db';
import { createAgendaCenter, ruleOf } from './agenda-support';

describeEachEngine('agenda rules', (getCtx) => {
  const rule = (professionalId: number, overrides: Record<string, unknown> = {}) => ({
    professionalId,
    weekday: 6,
    startTime: '09:00',
    endTime: '12:00',
    slotMinutes: 30,
    validFrom: '2026-11-28',
    validTo: '',
    specialtyId: '',
    studyId: '',
    webEnabled: true,
    ...overrides,
  });
  const options = { now: NOW };

  it('creates a rule with its audit entry, and refuses bad hours, a slot that does not fit and a start in the past, next to the field', async () => {
    const { db } = getCtx();
    const c = await createAgendaCenter(db);
    const refused = async (overrides: Record<string, unknown>, field: string, text: RegExp) => {
      const result = await saveRule(db, c.actor, rule(c.professionalId, overrides), {}, options);
      expect(result).toMatchObject({ ok: false, error: 'Revise los datos marcados.' });
      expect((result as { fieldErrors: Record<string, string> }).fieldErrors[field]).toMatch(text);
    };
    await refused({ endTime: '09:00' }, 'endTime', /posterior a la de inicio/);
    await refused({ startTime: '25:00' }, 'startTime', /hora válida/);
    await refused({ slotMinutes: 200 }, 'slotMinutes', /no entra entre las 09:00 y las 12:00/);
    await refused({ slotMinutes: 3 }, 'slotMinutes', /mínimo 5/);
    await refused({ validTo: '2026-11-27' }, 'validTo', /anterior a la de inicio/);
    await refused({ validFrom: '2026-11-22' }, 'validFrom', /antes de hoy \(23\/11\/2026\)/);
    await refused({ specialtyId: c.otherSpecialtyId }, 'specialtyId', /no atiende esa especialidad/);
    expect(await db.select().from(s.schedules).where(eq(s.schedules.weekday, 6))).toHaveLength(0);

    const created = await saveRule(db, c.actor, rule(c.professionalId, { specialtyId: String(c.specialtyId) }), {}, options);
    expect(created).toMatchObject({ ok: true, status: 'saved', affected: [], decision: null });
    const saturday = await ruleOf(db, c.professionalId, 6);
    expect(saturday).toMatchObject({ startTime: '09:00:00', endTime: '12:00:00', slotMinutes: 30, validFrom: '2026-11-28', validTo: null, specialtyId: c.specialtyId });
    const [audit] = await db.select().from(s.auditLog).where(eq(s.auditLog.action, 'schedule.create'));
    expect(audit).toMatchObject({ actorKind: 'staff', actorId: c.staffId, actorLabel: 'recepcion', entity: 'schedule', entityId: String(saturday.id), ip: '192.0.2.10' });
  });

  it('refuses a rule that overlaps another of the same professional on that weekday while both are valid', async () => {
    const { db } = getCtx();
    const c = await createAgendaCenter(db);
    const overlapping = await saveRule(db, c.actor, rule(c.professionalId, { weekday: 1, startTime: '11:00', endTime: '13:00', validFrom: '2026-11-30' }), {}, options);
    expect(overlapping).toMatchObject({ ok: false });
    expect((overlapping as { fieldErrors: Record<string, string> }).fieldErrors.startTime).toBe(
      'Se superpone con el horario del Lunes de 08:00 a 12:00 (vigente desde 01/01/2026). Cambie las horas o las fechas, o finalice ese horario.',
    );
    // Back to back is fine, another professional is fine, another weekday is fine.
    expect(await saveRule(db, c.actor, rule(c.professionalId, { weekday: 1, startTime: '12:00', endTime: '13:00', validFrom: '2026-11-30' }), {}, options)).toMatchObject({ ok: true, status: 'saved' });
    expect(await saveRule(db, c.actor, rule(c.professionalId, { weekday: 6, startTime: '11:00', endTime: '13:00' }), {}, options)).toMatchObject({ ok: true });
    // A rule bounded in time overlaps only within its dates: end Monday's rule, and a new one may follow it.
    const monday = await ruleOf(db, c.professionalId, 1);
    expect(await endRule(db, c.actor, { id: monday.id, lastDay: '2026-12-31' }, {}, options)).toMatchObject({ ok: true });
    expect(await saveRule(db, c.actor, rule(c.professionalId, { weekday: 1, startTime: '10:00', endTime: '11:00', validFrom: '2026-12-01', validTo: '2026-12-31' }), {}, options)).toMatchObject({ ok: false });
    expect(await saveRule(db, c.actor, rule(c.professionalId, { weekday: 1, startTime: '10:00', endTime: '11:00', validFrom: '2027-01-01' }), {}, options)).toMatchObject({ ok: true });
  });

  it('changing the hours from a date ends the old rule the day before and starts a new one: the past keeps its agenda', async () => {
    const { db } = getCtx();
    const c = await createAgendaCenter(db);
    const old = await ruleOf(db, c.professionalId, 3);
    const edit = (overrides: Record<string, unknown>) =>
      saveRule(db, c.actor, rule(c.professionalId, { id: old.id, weekday: 3, startTime: '08:00', endTime: '10:00', slotMinutes: 20, validFrom: '2026-12-02', ...overrides }), {}, options);

    expect(await edit({ validFrom: '2026-11-20' })).toMatchObject({ ok: false, fieldErrors: { validFrom: expect.stringMatching(/desde hoy \(23\/11\/2026\)/) } });
    expect(await edit({ startTime: '08:00', endTime: '12:00' })).toMatchObject({ ok: false, error: 'No hay cambios para guardar.' });
    const result = await edit({});
    expect(result).toMatchObject({ ok: true, status: 'saved' });

    const rows = await db.select().from(s.schedules).where(and(eq(s.schedules.professionalId, c.professionalId), eq(s.schedules.weekday, 3)));
    expect(rows).toHaveLength(2);
    const ended = rows.find((r) => r.id === old.id)!;
    const created = rows.find((r) => r.id !== old.id)!;
    expect(ended).toMatchObject({ startTime: '08:00:00', endTime: '12:00:00', validFrom: '2026-01-01', validTo: '2026-12-01' });
    expect(created).toMatchObject({ startTime: '08:00:00', endTime: '10:00:00', validFrom: '2026-12-02', validTo: null });

    const slots = generateSlots({ timeZone: TZ, fromDate: '2026-11-25', toDate: '2026-12-02', rules: rows, closed: [], busy: [], notBefore: new Date(0) });
    const times = (date: string) => slots.filter((x) => x.date === date).map((x) => x.time);
    expect(times('2026-11-25').at(-1)).toBe('11:40');
    expect(times('2026-12-02')).toEqual(['08:00', '08:20', '08:40', '09:00', '09:20', '09:40']);

    const [audit] = await db.select().from(s.auditLog).where(eq(s.auditLog.action, 'schedule.update'));
    expect(audit).toMatchObject({ entityId: String(created.id), before: expect.objectContaining({ id: old.id, validTo: null }) });
    expect(audit.after).toMatchObject({ change: { ended: { validTo: '2026-12-01' }, created: { id: created.id } }, affectedAppointmentIds: [], decision: null });

    // A rule that has not started yet is simply replaced: nothing to keep.
    const again = await saveRule(db, c.actor, rule(c.professionalId, { id: created.id, weekday: 3, startTime: '08:00', endTime: '11:00', slotMinutes: 20, validFrom: '2026-12-02' }), {}, options);
    expect(again).toMatchObject({ ok: true, id: created.id });
    expect(await db.select().from(s.schedules).where(and(eq(s.schedules.professionalId, c.professionalId), eq(s.schedules.weekday, 3)))).toHaveLength(2);
  });

  it('ends a rule from yesterday on at the earliest, and deletes only a rule that never applied', async () => {
    const { db } = getCtx();
    const c = await createAgendaCenter(db);
    const monday = await ruleOf(db, c.professionalId, 1);
    expect(await endRule(db, c.actor, { id: monday.id, lastDay: '2026-11-21' }, {}, options)).toMatchObject({
      ok: false,
      fieldErrors: { lastDay: expect.stringMatching(/ayer \(22\/11\/2026/) },
    });
    expect(await deleteRule(db, c.actor, { id: monday.id }, {}, options)).toMatchObject({ ok: false, error: expect.stringMatching(/Use Finalizar/) });
    expect(await endRule(db, c.actor, { id: monday.id, lastDay: '2026-11-22' }, {}, options)).toMatchObject({ ok: true, status: 'saved' });
    expect((await ruleOf(db, c.professionalId, 1)).validTo).toBe('2026-11-22');

    expect(await saveRule(db, c.actor, rule(c.professionalId), {}, options)).toMatchObject({ ok: true });
    const saturday = await ruleOf(db, c.professionalId, 6);
    expect(await endRule(db, c.actor, { id: saturday.id, lastDay: '2026-11-27' }, {}, options)).toMatchObject({
      ok: false,
      fieldErrors: { lastDay: expect.stringMatching(/bórrelo/) },
    });
    expect(await deleteRule(db, c.actor, { id: saturday.id }, {}, options)).toMatchObject({ ok: true, status: 'saved' });
    expect(await ruleOf(db, c.professionalId, 6)).toBeUndefined();
    const actions = (await db.select({ action: s.auditLog.action }).from(s.auditLog)).map((a) => a.action).sort();
    expect(actions).toEqual(['schedule.create', 'schedule.delete', 'schedule.end']);
  });
});
