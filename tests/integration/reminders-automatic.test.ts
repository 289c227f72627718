import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as s from '@/db/schema';
import { bookAppointment } from '@/lib/booking/book';
import { cancelAppointment } from '@/lib/booking/cancel';
import { enqueueDueReminders } from '@/lib/reminders/automatic';
import { createReminderRule, listReminderRules, reminderRuleSchema, setReminderRuleActive } from '@/lib/reminders/rules';
import { at, createTestCenter, NOW } from '../support/center';
import { describeEachEngine, describePostgresOnly } from '../support/db';

async function setup(db: Parameters<typeof createTestCenter>[0]) {
  const c = await createTestCenter(db);
  await db.update(s.patients).set({ mobile: '1155551234' });
  const [mail] = await db
    .insert(s.messageTemplates)
    .values({ channel: 'email', title: 'Recordatorio: [[FECHA]] [[HORA]]', body: 'Hola [[PACIENTE]], lo esperamos el [[DIA]] [[FECHA]] a las [[HORA]] con [[PROFESIONAL]] ([[ESPECIALIDAD]]). [[CENTRO]]' })
    .returning();
  const [sms] = await db.insert(s.messageTemplates).values({ channel: 'sms', title: 'SMS', body: '[[CENTRO]]: turno [[FECHA]] [[HORA]] con [[PROFESIONAL]]' }).returning();
  const [mailRule] = await db.insert(s.reminderRules).values({ name: '48 h por mail', channel: 'email', templateId: mail.id, hoursBefore: 48 }).returning();
  const [smsRule] = await db.insert(s.reminderRules).values({ name: '24 h por SMS', channel: 'sms', templateId: sms.id, hoursBefore: 24 }).returning();
  const book = async (patientId: number, date: string, time: string) => {
    const r = await bookAppointment(db, { patientId, professionalId: c.professionalId, specialtyId: c.specialtyId, startsAt: at(date, time), source: 'staff', now: NOW });
    if (!r.ok) throw new Error(r.message);
    return r.appointmentId;
  };
  return { c, mailRule, smsRule, book };
}

describeEachEngine('automatic reminders', (getCtx) => {
  it('reminds each turno once per rule inside its window, with the template filled, and never the cancelled ones or opted-out patients', async () => {
    const { db } = getCtx();
    const { c, mailRule, smsRule, book } = await setup(db);
    const soon = await book(c.patientId, '2026-11-24', '10:00'); // 25 h after NOW: the mail rule only
    const sooner = await book(c.otherPatientId, '2026-11-24', '08:00'); // 23 h: both rules
    const later = await book(c.patientId, '2026-11-27', '10:00'); // 4 days: none yet
    const cancelled = await book(await c.addPatient(), '2026-11-24', '09:00');
    const [staff] = await db.insert(s.staffUsers).values({ username: 'r', fullName: 'R', passwordHash: 'x' }).returning();
    expect(await cancelAppointment(db, { appointmentId: cancelled, actor: { kind: 'staff', staffId: staff.id }, now: NOW })).toMatchObject({ ok: true });
    const optedOut = await c.addPatient();
    await db.update(s.patients).set({ remindersOptIn: false }).where(eq(s.patients.id, optedOut));
    await book(optedOut, '2026-11-24', '11:00');

    expect(await enqueueDueReminders(db, NOW)).toEqual({ queued: 3 });
    expect(await enqueueDueReminders(db, NOW)).toEqual({ queued: 0 }); // run again: nothing twice
    const rows = await db.select().from(s.messages).where(eq(s.messages.kind, 'reminder'));
    const pairs = rows.map((m) => `${m.appointmentId}:${m.reminderRuleId}`).sort();
    expect(pairs).toEqual([`${soon}:${mailRule.id}`, `${sooner}:${mailRule.id}`, `${sooner}:${smsRule.id}`].sort());
    const mail = rows.find((m) => m.appointmentId === soon)!;
    expect(mail.subject).toBe('Recordatorio: 24/11/2026 10:00');
    expect(mail.bodyText).toContain('Martes 24/11/2026 a las 10:00 con GONZALEZ JOSE (CARDIOLOGIA). CENTRO DE PRUEBA');
    const sms = rows.find((m) => m.reminderRuleId === smsRule.id)!;
    expect(sms).toMatchObject({ channel: 'sms', recipient: '1155551234', bodyText: 'CENTRO DE PRUEBA: turno 24/11/2026 08:00 con GONZALEZ JOSE' });

    // Three days later the 4-day turno enters the 48-hour window.
    expect(await enqueueDueReminders(db, new Date(NOW.getTime() + 3 * 86_400_000))).toEqual({ queued: 1 });
    const [reminded] = await db.select().from(s.messages).where(eq(s.messages.appointmentId, later));
    expect(reminded.reminderRuleId).toBe(mailRule.id);
  });

  it('staff create a rule only with an active template of its channel, and can switch it off; both audited', async () => {
    const { db } = getCtx();
    const { c, book } = await setup(db);
    await db.delete(s.reminderRules);
    const [staff] = await db.insert(s.staffUsers).values({ username: 'jefa', fullName: 'J', passwordHash: 'x', role: 'admin' }).returning();
    const actor = { staffId: staff.id, label: 'jefa' };
    const [smsTemplate] = await db.select().from(s.messageTemplates).where(eq(s.messageTemplates.channel, 'sms'));
    const wrong = reminderRuleSchema.parse({ name: '48 h por mail', channel: 'email', templateId: String(smsTemplate.id), hoursBefore: '48' });
    expect(await createReminderRule(db, actor, wrong)).toMatchObject({ ok: false, fieldErrors: { templateId: expect.any(String) } });
    expect(reminderRuleSchema.safeParse({ name: 'x', channel: 'sms', templateId: '1', hoursBefore: '0' }).success).toBe(false);
    const created = await createReminderRule(db, actor, { ...wrong, channel: 'sms', hoursBefore: 30 });
    if (!created.ok) throw new Error(created.error);
    await book(c.patientId, '2026-11-24', '10:00');
    expect(await setReminderRuleActive(db, actor, { id: created.id, on: false })).toMatchObject({ ok: true });
    expect(await enqueueDueReminders(db, NOW)).toEqual({ queued: 0 });
    expect(await setReminderRuleActive(db, actor, { id: created.id, on: true })).toMatchObject({ ok: true });
    expect(await enqueueDueReminders(db, NOW)).toEqual({ queued: 1 });
    expect((await listReminderRules(db)).map((r) => [r.name, r.channel, r.hoursBefore, r.active])).toEqual([['48 h por mail', 'sms', 30, true]]);
    const audit = await db.select().from(s.auditLog).where(eq(s.auditLog.entity, 'reminder_rule'));
    expect(audit.map((a) => a.action)).toEqual(['reminder_rule.create', 'reminder_rule.deactivate', 'reminder_rule.activate']);
  });

  it('does nothing without active rules, or when the template was deactivated', async () => {
    const { db } = getCtx();
    const { c, book } = await setup(db);
    await book(c.patientId, '2026-11-24', '10:00');
    await db.update(s.messageTemplates).set({ active: false });
    expect(await enqueueDueReminders(db, NOW)).toEqual({ queued: 0 });
  });
});

describePostgresOnly('automatic reminders under concurrency', (getCtx) => {
  it('two workers running the same pass at once remind each turno exactly once per rule', async () => {
    const { db } = getCtx();
    const { c, book } = await setup(db);
    const patients = await Promise.all(Array.from({ length: 8 }, () => c.addPatient()));
    await db.update(s.patients).set({ mobile: '1155551234' });
    const times = ['08:00', '08:20', '08:40', '09:00', '09:20', '09:40', '10:00', '10:20'];
    for (let i = 0; i < patients.length; i++) await book(patients[i], '2026-11-24', times[i]);
    const [a, b] = [getCtx().connect({ max: 1 }), getCtx().connect({ max: 1 })];
    const results = await Promise.all([enqueueDueReminders(a.db, NOW), enqueueDueReminders(b.db, NOW)]);
    const rows = await db.select().from(s.messages).where(eq(s.messages.kind, 'reminder'));
    // The mail rule (48 h) takes all 8; the SMS rule (24 h from 09:00 on the 23rd) the 4 up to 09:00.
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((m) => `${m.appointmentId}:${m.reminderRuleId}`)).size).toBe(12);
    expect(results[0].queued + results[1].queued).toBe(12);
  });
});
