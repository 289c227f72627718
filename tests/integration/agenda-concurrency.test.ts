import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as s from '@/db/schema';
import { addClosure } from '@/lib/agenda/closures';
import { lockAgendaForBooking, lockProfessionalAgenda } from '@/lib/agenda/lock';
import { bookAppointment } from '@/lib/booking/book';
import { at, NOW } from '../support/center';
import { describePostgresOnly } from '../support/db';
import { createAgendaCenter, ruleOf } from './agenda-support';

/** What only a real server shows: a booking and an agenda change racing never strand a turno unseen. */
describePostgresOnly('agenda changes racing bookings', (getCtx) => {
  const settled = async (p: Promise<unknown>, ms: number) =>
    Promise.race([p.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

  it('a booking in flight when an absence is added: the absence waits for it and lists its turno', async () => {
    const { db } = getCtx();
    const c = await createAgendaCenter(db);
    const other = getCtx().connect({ max: 1 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const hasLock = new Promise<void>((resolve) => (locked = resolve));
    // A booking that has checked its slot and is about to insert (held open by `gate`).
    const booking = other.db.transaction(async (tx) => {
      await lockAgendaForBooking(tx, c.professionalId);
      locked();
      await gate;
      const [row] = await tx
        .insert(s.appointments)
        .values({ professionalId: c.professionalId, patientId: c.patientId, startsAt: at('2026-11-25', '10:00'), endsAt: at('2026-11-25', '10:20'), source: 'staff' })
        .returning();
      return row.id;
    });
    await hasLock;
    const absence = addClosure(
      db,
      c.actor,
      { professionalId: String(c.professionalId), startsOn: '2026-11-25', endsOn: '2026-11-25', partDay: false, startTime: '', endTime: '', reason: 'Enfermedad' },
      {},
      { now: NOW },
    );
    expect(await settled(absence, 300)).toBe(false); // waiting for the booking's lock
    release();
    const bookedId = await booking;
    const result = await absence;
    expect(result).toMatchObject({ ok: true, status: 'needs_decision' });
    expect('affected' in result && result.affected.map((a) => a.id)).toEqual([bookedId]);
    expect(await db.select().from(s.scheduleExceptions)).toHaveLength(0);
  });

  it('a booking that arrives while an agenda change is being written waits, then checks the new agenda', async () => {
    const { db } = getCtx();
    const c = await createAgendaCenter(db);
    const other = getCtx().connect({ max: 1 });
    await other.db.execute(sql`select 1`);
    const wednesday = await ruleOf(db, c.professionalId, 3);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const hasLock = new Promise<void>((resolve) => (locked = resolve));
    const change = db.transaction(async (tx) => {
      await lockProfessionalAgenda(tx, c.professionalId);
      await tx.update(s.schedules).set({ endTime: '11:00' }).where(eq(s.schedules.id, wednesday.id));
      locked();
      await gate;
    });
    await hasLock;
    const booking = bookAppointment(other.db, {
      patientId: c.patientId,
      professionalId: c.professionalId,
      startsAt: at('2026-11-25', '11:40'),
      source: 'staff',
      staffId: c.staffId,
      now: NOW,
    });
    expect(await settled(booking, 300)).toBe(false);
    release();
    await change;
    expect(await booking).toMatchObject({ ok: false, code: 'slot_unavailable' });
    expect(await db.select().from(s.appointments)).toHaveLength(0);
  });
});
