import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as s from '@/db/schema';
import { markAttendance } from '@/lib/appointments/attendance';
import { loadStaffAgenda } from '@/lib/appointments/staff-agenda';
import { changedFields } from '@/lib/audit/queries';
import { verifyPassword } from '@/lib/auth/password';
import { bookAppointment } from '@/lib/booking/book';
import { createPatient, listPatientsForStaff, searchPatients, updatePatient } from '@/lib/patients/patients';
import { patientSchema } from '@/lib/patients/schemas';
import { staffUserSchema } from '@/lib/staff/schemas';
import { createStaffUser, setStaffUserActive, updateStaffUser } from '@/lib/staff/users';
import { at, createTestCenter, NOW, TZ } from '../support/center';
import { describeEachEngine } from '../support/db';

describeEachEngine('staff tools', (getCtx) => {
  async function admin() {
    const { db } = getCtx();
    const [row] = await db.insert(s.staffUsers).values({ username: 'jefa', fullName: 'Jefa', passwordHash: 'x', role: 'admin' }).returning();
    return { staffId: row.id, username: row.username };
  }

  it('creates staff users with a hashed password, refuses duplicates, and never audits the hash', async () => {
    const { db } = getCtx();
    const actor = await admin();
    const input = staffUserSchema.parse({ username: 'Recepcion2', fullName: 'Ana Tarde', role: 'reception', password: 'una-clave-larga' });
    const created = await createStaffUser(db, input, actor);
    expect(created.ok).toBe(true);
    const [row] = await db.select().from(s.staffUsers).where(eq(s.staffUsers.username, 'recepcion2'));
    expect(await verifyPassword('una-clave-larga', row.passwordHash)).toBe(true);
    expect(await createStaffUser(db, { ...input, username: 'RECEPCION2' }, actor)).toMatchObject({ ok: false, fieldErrors: { username: expect.any(String) } });
    const audit = await db.select().from(s.auditLog).where(eq(s.auditLog.action, 'staff.create'));
    expect(JSON.stringify(audit)).not.toContain(row.passwordHash);
    expect(staffUserSchema.safeParse({ ...input, username: 'con espacio' }).success).toBe(false);
    expect(staffUserSchema.safeParse({ ...input, password: 'corta' }).success).toBe(false);
  });

  it('keeps at least one active admin and never lets a user deactivate themselves', async () => {
    const { db } = getCtx();
    const actor = await admin();
    expect(await setStaffUserActive(db, actor.staffId, false, actor)).toMatchObject({ ok: false });
    const demote = staffUserSchema.parse({ username: 'jefa', fullName: 'Jefa', role: 'reception', password: '' });
    expect(await updateStaffUser(db, actor.staffId, demote, actor)).toMatchObject({ ok: false, error: 'Debe quedar al menos un administrador activo.' });
    const other = await createStaffUser(db, staffUserSchema.parse({ username: 'otro', fullName: 'Otro', role: 'admin', password: '12345678' }), actor);
    if (!other.ok) throw new Error(other.error);
    expect(await updateStaffUser(db, actor.staffId, demote, actor)).toMatchObject({ ok: true });
    const [me] = await db.select().from(s.staffUsers).where(eq(s.staffUsers.id, actor.staffId));
    expect(me.role).toBe('reception');
    expect(me.passwordHash).toBe('x'); // an empty password field keeps the password
  });

  it('marks attendance only on turnos that started, never on cancelled ones, and audits it', async () => {
    const { db } = getCtx();
    const c = await createTestCenter(db);
    const actor = await admin();
    const booked = await bookAppointment(db, { patientId: c.patientId, professionalId: c.professionalId, startsAt: at('2026-11-25', '10:00'), source: 'staff', staffId: actor.staffId, now: NOW });
    if (!booked.ok) throw new Error(booked.message);
    const mark = (status: 'present' | 'absent' | 'reserved', now = NOW) => markAttendance(db, { appointmentId: booked.appointmentId, status, staffId: actor.staffId, now });
    expect(await mark('present')).toMatchObject({ ok: false }); // still in the future
    const later = new Date(at('2026-11-25', '10:05').getTime());
    expect(await mark('absent', later)).toEqual({ ok: true });
    expect(await mark('present', later)).toEqual({ ok: true });
    const [row] = await db.select().from(s.appointments).where(eq(s.appointments.id, booked.appointmentId));
    expect(row.status).toBe('present');
    const audit = await db.select().from(s.auditLog).where(eq(s.auditLog.entityId, String(booked.appointmentId)));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['appointment.absent', 'appointment.present']));
  });

  it('finds patients by DNI prefix or name, and refuses a second patient with the same DNI', async () => {
    const { db } = getCtx();
    await createTestCenter(db);
    const actor = await admin();
    const input = patientSchema.parse({ dni: '30.555.444', lastName: 'Ibáñez', firstName: 'Juan Manuel', birthDate: '', phone: '', mobile: '11 5555-1234', email: 'JM@Example.com', insurerId: '', memberNumber: '' });
    expect(input).toMatchObject({ dni: '30555444', lastName: 'IBÁÑEZ', mobile: '1155551234', email: 'jm@example.com', insurerId: null });
    expect(await createPatient(db, input, actor)).toMatchObject({ ok: true });
    expect(await createPatient(db, input, actor)).toMatchObject({ ok: false, fieldErrors: { dni: expect.any(String) } });
    expect((await searchPatients(db, '30555')).map((p) => p.dni)).toEqual(['30555444']);
    expect((await searchPatients(db, 'ibáñez juan')).map((p) => p.dni)).toEqual(['30555444']);
    expect(await searchPatients(db, '%')).toEqual([]);
  });

  it('corrects a patient, refusing another patient’s DNI, and audits the change', async () => {
    const { db } = getCtx();
    await createTestCenter(db);
    const actor = await admin();
    const base = { birthDate: '', phone: '', email: '', insurerId: '', memberNumber: '' };
    const a = await createPatient(db, patientSchema.parse({ ...base, dni: '30000001', lastName: 'Uno', firstName: 'Ana', mobile: '' }), actor);
    const b = await createPatient(db, patientSchema.parse({ ...base, dni: '30000002', lastName: 'Dos', firstName: 'Beto', mobile: '' }), actor);
    if (!a.ok || !b.ok) throw new Error('setup');
    expect(await updatePatient(db, a.patientId, patientSchema.parse({ ...base, dni: '30000002', lastName: 'Uno', firstName: 'Ana', mobile: '' }), actor)).toMatchObject({
      ok: false,
      fieldErrors: { dni: 'Ya hay otro paciente con ese DNI.' },
    });
    expect(await updatePatient(db, a.patientId, patientSchema.parse({ ...base, dni: '30000001', lastName: 'Uno', firstName: 'Ana', mobile: '0351 15-555-1234' }), actor)).toMatchObject({ ok: true });
    const [row] = await db.select().from(s.patients).where(eq(s.patients.id, a.patientId));
    expect(row.mobile).toBe('0351155551234');
    const audit = await db.select().from(s.auditLog).where(eq(s.auditLog.action, 'patient.update'));
    expect(audit).toHaveLength(1);
    expect((await listPatientsForStaff(db, '')).map((p) => p.dni).slice(0, 2)).toEqual(['30000002', '30000001']);
  });

  it('shows a professional’s day from the agenda, with turnos on their slots and sobreturnos beside them', async () => {
    const { db } = getCtx();
    const c = await createTestCenter(db);
    const actor = await admin();
    const base = { professionalId: c.professionalId, source: 'staff' as const, staffId: actor.staffId, now: NOW };
    await bookAppointment(db, { ...base, patientId: c.patientId, startsAt: at('2026-11-25', '08:20') });
    await bookAppointment(db, { ...base, patientId: c.otherPatientId, startsAt: at('2026-11-25', '08:20'), overbook: true });
    const agenda = await loadStaffAgenda(db, { professionalId: c.professionalId, fromDate: '2026-11-25', toDate: '2026-11-25', timeZone: TZ, now: NOW });
    expect(agenda!.rows).toHaveLength(12); // 08:00-12:00 in 20-minute slots
    const slot = agenda!.rows.find((r) => r.slot?.time === '08:20')!;
    expect(slot.appointments.map((a) => a.overbooked)).toEqual([false, true]);
    expect(agenda!.rows.filter((r) => r.appointments.length === 0)).toHaveLength(11);
  });
});

it('audit shows only the fields that changed', () => {
  expect(changedFields({ a: 1, b: 'x', updatedAt: 1 }, { a: 1, b: 'y', updatedAt: 2 })).toEqual([{ field: 'b', before: 'x', after: 'y' }]);
  expect(changedFields(null, { a: 1 })).toEqual([{ field: 'a', before: '—', after: '1' }]);
});
