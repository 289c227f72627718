import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import * as s from '@/db/schema';
import type { AgendaActor } from '@/lib/agenda/change';
import { bookAppointment } from '@/lib/booking/book';
import { at, createTestCenter, NOW, type TestCenter } from '../support/center';

/** The test center (weekdays 08:00-12:00, 20-minute slots) plus a receptionist who changes agendas. */
export async function createAgendaCenter(db: Db): Promise<TestCenter & { actor: AgendaActor; staffId: number }> {
  const center = await createTestCenter(db);
  const [staff] = await db.insert(s.staffUsers).values({ username: 'recepcion', fullName: 'Recepción', passwordHash: 'x', role: 'reception' }).returning();
  return { ...center, staffId: staff.id, actor: { staffId: staff.id, label: 'recepcion', ip: '192.0.2.10' } };
}

/** A real turno given by reception (NOW = Monday 23/11/2026 09:00), returning its id. */
export async function bookAt(
  db: Db,
  c: TestCenter & { staffId: number },
  date: string,
  time: string,
  options: { professionalId?: number; patientId?: number; overbook?: boolean } = {},
): Promise<number> {
  const result = await bookAppointment(db, {
    patientId: options.patientId ?? c.patientId,
    professionalId: options.professionalId ?? c.professionalId,
    startsAt: at(date, time),
    source: 'staff',
    staffId: c.staffId,
    overbook: options.overbook,
    now: NOW,
  });
  if (!result.ok) throw new Error(`could not book ${date} ${time}: ${result.message}`);
  return result.appointmentId;
}

/** The id of the weekday rule the test center gives a professional. */
export async function ruleOf(db: Db, professionalId: number, weekday: number): Promise<s.Schedule> {
  const [row] = await db
    .select()
    .from(s.schedules)
    .where(and(eq(s.schedules.professionalId, professionalId), eq(s.schedules.weekday, weekday)));
  return row;
}

export const statusOf = async (db: Db, id: number) =>
  (await db.select({ status: s.appointments.status }).from(s.appointments).where(eq(s.appointments.id, id)))[0]?.status;
