import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { underSessionLocks } from '@/db/pipeline';
import * as s from '@/db/schema';
import { lockProfessionalAgenda } from '@/lib/agenda/lock';
import { bookAppointment, type BookingRequest } from '@/lib/booking/book';
import { at, createTestCenter, webBooking, type TestCenter } from '../support/center';
import { describePostgresOnly, pgErrorOf } from '../support/db';

/**
 * On PostgreSQL the common booking is one autocommitted statement between session-level locks and
 * their release (db/pipeline.ts, underSessionLocks). Without a transaction, a failed locks
 * statement does not stop the next one: these prove the booking's statement then writes nothing,
 * and that no lock or setting outlives the booking on the pooled connection.
 */
describePostgresOnly('booking under session locks', (getCtx) => {
  let c: TestCenter;
  const request = (overrides: Partial<BookingRequest> = {}) => webBooking(c, overrides);
  const advisoryLocks = async () =>
    Number(rowsOf<{ n: string }>(await getCtx().db.execute(sql`select count(*) as n from pg_locks where locktype = 'advisory'`))[0].n);

  it('a booking whose locks time out writes nothing (no turno, mail or audit row) and leaves no lock behind', async () => {
    const { db } = getCtx();
    c = await createTestCenter(db);
    // A DBA's lock_timeout, and a plan_cache_mode the booking must leave as it found it.
    const timed = getCtx().connect({ max: 1, connection: { lock_timeout: 300, plan_cache_mode: 'force_custom_plan' } });
    const blocker = getCtx().connect({ max: 1 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const hasLock = new Promise<void>((resolve) => (locked = resolve));
    // An agenda change in progress holds the professional's key exclusively.
    const change = blocker.db.transaction(async (tx) => {
      await lockProfessionalAgenda(tx, c.professionalId);
      locked();
      await gate;
    });
    await hasLock;
    const refused = await bookAppointment(timed.db, request(), { confirm: true }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(pgErrorOf(refused).code).toBe('55P03'); // lock_not_available
    expect(await db.select().from(s.appointments)).toEqual([]);
    expect(await db.select().from(s.messages)).toEqual([]);
    expect(await db.select().from(s.auditLog).where(eq(s.auditLog.entity, 'appointment'))).toEqual([]);
    release();
    await change;
    // The locks the failed statement had already taken (the patient's) were released.
    expect(await advisoryLocks()).toBe(0);
    const settings = async () =>
      rowsOf<{ mode: string; proof: string | null }>(
        await timed.db.execute(sql`select current_setting('plan_cache_mode') as mode, current_setting('turnos.locked', true) as proof`),
      )[0];
    expect(await settings()).toMatchObject({ mode: 'force_custom_plan' });
    // The same connection books normally afterwards, and gives back every lock and setting.
    expect(await bookAppointment(timed.db, request(), { confirm: true })).toMatchObject({ ok: true, startsAt: at('2026-11-25', '10:00') });
    expect(await db.select().from(s.messages)).toHaveLength(1);
    expect(await advisoryLocks()).toBe(0);
    expect(await settings()).toEqual({ mode: 'force_custom_plan', proof: '' });
  });

  it('runs the work only under the locks that proved themselves, and always runs the release', async () => {
    const { db } = getCtx();
    c = await createTestCenter(db);
    await db.execute(sql`create table probe (v int)`);
    const proof = (value: string) => sql`select set_config('turnos.locked', ${value}, false)`;
    const work = (value: string) => sql`insert into probe (v) select 1 where current_setting('turnos.locked', true) = ${value}`;
    const unlocks = sql`select pg_advisory_unlock(9, 1), pg_advisory_unlock(9, 2)`;
    // Locks that fail after taking one of them: no work, no lock left.
    const failed = await underSessionLocks(db, {
      locks: sql`select set_config('turnos.locked', 'a', false) from (select pg_advisory_lock(9, 1), 1 / (random() * 0)::int offset 0) locked`,
      work: work('a'),
      unlocks,
    });
    expect(failed?.locks.ok).toBe(false);
    expect(failed?.work.ok).toBe(true);
    expect(rowsOf(await db.execute(sql`select * from probe`))).toEqual([]);
    expect(await advisoryLocks()).toBe(0);
    // A proof left on the connection by an earlier call never matches a new one.
    const stale = await underSessionLocks(db, { locks: proof('b'), work: work('c'), unlocks });
    expect(stale?.work.ok).toBe(true);
    expect(rowsOf(await db.execute(sql`select * from probe`))).toEqual([]);
    const proved = await underSessionLocks(db, { locks: sql`select set_config('turnos.locked', 'd', false) from (select pg_advisory_lock(9, 2) offset 0) locked`, work: work('d'), unlocks });
    expect(proved?.work.ok).toBe(true);
    expect(rowsOf(await db.execute(sql`select * from probe`))).toHaveLength(1);
    expect(await advisoryLocks()).toBe(0);
  });
});
