/**
 * Invariant 1 (DESIGN.md): two live appointments of one professional never overlap, whatever the
 * concurrency. The database enforces it (exclusion constraint `appointments_no_overlap`), so these
 * tests write rows directly, with no application code in between.
 */
import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { rowsOf, type DbOrTx } from '../../db/client';
import { appointments, type NewAppointment } from '../../db/schema';
import { describeEachEngine, describePostgresOnly, expectDbError, pgErrorOf } from '../support/db';
import { insertPatient, insertProfessional } from '../support/fixtures';

/** 10:00 in Buenos Aires (UTC-3) on a Monday far in the future, shifted by `minutes`. */
const at = (minutes: number) => new Date(Date.UTC(2031, 2, 10, 13, minutes));

interface People {
  professionalId: number;
  otherProfessionalId: number;
  patientId: number;
}

async function insertPeople(db: DbOrTx): Promise<People> {
  const professional = await insertProfessional(db);
  const other = await insertProfessional(db, { lastName: 'LOPEZ' });
  const patient = await insertPatient(db);
  return { professionalId: professional.id, otherProfessionalId: other.id, patientId: patient.id };
}

/** An appointment of `people`'s professional from `from` to `to` minutes after 10:00. */
function slot(people: People, from: number, to: number, overrides: Partial<NewAppointment> = {}): NewAppointment {
  return {
    professionalId: people.professionalId,
    patientId: people.patientId,
    startsAt: at(from),
    endsAt: at(to),
    source: 'web',
    ...overrides,
  };
}

async function expectOverlapRejected(promise: PromiseLike<unknown>) {
  const error = await expectDbError(promise);
  expect(error.code).toBe('23P01');
  expect(error.constraint).toBe('appointments_no_overlap');
}

describeEachEngine('no double booking', (getCtx) => {
  let people: People;
  beforeEach(async () => {
    people = await insertPeople(getCtx().db);
  });

  it('rejects a second live appointment that overlaps the first in any way', async () => {
    const { db } = getCtx();
    await db.insert(appointments).values(slot(people, 0, 20));
    // Same slot, starts inside, ends inside, contained, containing.
    for (const [from, to] of [[0, 20], [10, 30], [-10, 10], [5, 15], [-5, 25]]) {
      await expectOverlapRejected(db.insert(appointments).values(slot(people, from, to)));
    }
    // A staff booking is no exception: only the explicit overbooking flag is.
    await expectOverlapRejected(db.insert(appointments).values(slot(people, 0, 20, { source: 'staff' })));
    const rows = await db.select().from(appointments);
    expect(rows).toHaveLength(1);
  });

  it('accepts adjacent slots: [10:00, 10:20) and [10:20, 10:40)', async () => {
    const { db } = getCtx();
    await db.insert(appointments).values(slot(people, 0, 20));
    await db.insert(appointments).values(slot(people, 20, 40));
    await db.insert(appointments).values(slot(people, -20, 0));
    expect(await db.select().from(appointments)).toHaveLength(3);
  });

  it('lets another professional see a patient at the same time', async () => {
    const { db } = getCtx();
    await db.insert(appointments).values(slot(people, 0, 20));
    await db.insert(appointments).values(slot(people, 0, 20, { professionalId: people.otherProfessionalId }));
    expect(await db.select().from(appointments)).toHaveLength(2);
  });

  it('frees the time when the appointment is cancelled', async () => {
    const { db } = getCtx();
    const [first] = await db.insert(appointments).values(slot(people, 0, 20)).returning();
    await db
      .update(appointments)
      .set({ status: 'cancelled', cancelledAt: new Date(), cancelOrigin: 'web' })
      .where(eq(appointments.id, first.id));
    await db.insert(appointments).values(slot(people, 0, 20));

    // The cancelled row stays (invariant 5) next to the live one.
    const rows = await db.select().from(appointments);
    expect(rows.map((r) => r.status).sort()).toEqual(['cancelled', 'reserved']);
  });

  it('rejects bringing a cancelled appointment back over a live one', async () => {
    const { db } = getCtx();
    const [cancelled] = await db
      .insert(appointments)
      .values(slot(people, 0, 20, { status: 'cancelled', cancelledAt: new Date() }))
      .returning();
    await db.insert(appointments).values(slot(people, 10, 30));
    await expectOverlapRejected(
      db
        .update(appointments)
        .set({ status: 'reserved', cancelledAt: null })
        .where(eq(appointments.id, cancelled.id)),
    );
  });

  it('frees the time when the appointment is deleted ("Borrar" keeps the row)', async () => {
    const { db } = getCtx();
    const [first] = await db.insert(appointments).values(slot(people, 0, 20)).returning();
    await db.update(appointments).set({ deletedAt: new Date() }).where(eq(appointments.id, first.id));
    await db.insert(appointments).values(slot(people, 0, 20));
    expect(await db.select().from(appointments)).toHaveLength(2);
  });

  it('exempts an explicit overbooking ("sobreturno"), and only that one', async () => {
    const { db } = getCtx();
    await db.insert(appointments).values(slot(people, 0, 20));
    await db.insert(appointments).values(slot(people, 0, 20, { source: 'staff', overbooked: true }));
    await db.insert(appointments).values(slot(people, 5, 15, { source: 'staff', overbooked: true }));
    await expectOverlapRejected(db.insert(appointments).values(slot(people, 0, 20)));
    const live = await db
      .select()
      .from(appointments)
      .where(and(eq(appointments.professionalId, people.professionalId), eq(appointments.overbooked, false)));
    expect(live).toHaveLength(1);
  });
});

/** Resolves every caller's `arrive()` once `count` callers have arrived. */
function barrier(count: number) {
  let arrived = 0;
  let release!: () => void;
  const open = new Promise<void>((resolve) => (release = resolve));
  return {
    arrive() {
      arrived += 1;
      if (arrived === count) release();
      return open;
    },
  };
}

// Only a real server runs transactions side by side; PGlite would pass trivially (STACK.md trap 6).
describePostgresOnly('no double booking under concurrency', (getCtx) => {
  let people: People;
  beforeEach(async () => {
    people = await insertPeople(getCtx().db);
  });

  /**
   * `clients` separate connections each open a transaction, wait until all are inside theirs,
   * then insert `slotOf(i)` and commit. Returns how each one ended.
   */
  async function race(clients: number, slotOf: (i: number) => NewAppointment) {
    const handles = Array.from({ length: clients }, () => getCtx().connect({ max: 1 }));
    const everyoneInside = barrier(clients);
    return Promise.allSettled(
      handles.map((handle, i) =>
        handle.db.transaction(async (tx) => {
          // A first statement, so BEGIN has really reached the server before the barrier.
          await tx.execute(sql`select txid_current()`);
          await everyoneInside.arrive();
          await tx.insert(appointments).values(slotOf(i));
        }),
      ),
    );
  }

  function tally(results: PromiseSettledResult<unknown>[]) {
    const codes = results.flatMap((r) => (r.status === 'rejected' ? [pgErrorOf(r.reason).code] : []));
    return { succeeded: results.length - codes.length, codes };
  }

  async function liveRowCount(): Promise<number> {
    const result = await getCtx().db.execute(
      sql`select count(*)::int as n from appointments where status <> 'cancelled' and deleted_at is null`,
    );
    return rowsOf<{ n: number }>(result)[0].n;
  }

  it('lets exactly one of two simultaneous bookings of the same slot through', async () => {
    const { succeeded, codes } = tally(await race(2, () => slot(people, 0, 20)));
    expect(succeeded).toBe(1);
    // The loser sees the constraint. A deadlock report (40P01) is PostgreSQL's other way of
    // refusing two exclusion-constraint inserts that collide at the same instant.
    expect(codes).toHaveLength(1);
    expect(['23P01', '40P01']).toContain(codes[0]);
    expect(await liveRowCount()).toBe(1);
  });

  it('lets exactly one of 20 parallel clients book the same slot', async () => {
    const { succeeded, codes } = tally(await race(20, () => slot(people, 0, 20)));
    expect(succeeded).toBe(1);
    expect(codes).toHaveLength(19);
    for (const code of codes) expect(['23P01', '40P01']).toContain(code);
    expect(await liveRowCount()).toBe(1);
  });

  it('never leaves two overlapping live rows when 20 clients book staggered, overlapping slots', async () => {
    // Client i wants [10:00 + 3i, 10:20 + 3i): each overlaps its neighbours in several ways.
    const { codes } = tally(await race(20, (i) => slot(people, 3 * i, 3 * i + 20)));
    for (const code of codes) expect(['23P01', '40P01']).toContain(code);
    const overlaps = await getCtx().db.execute(sql`
      select count(*)::int as n
      from appointments a join appointments b
        on a.id < b.id and a.professional_id = b.professional_id
       and tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')
      where not a.overbooked and not b.overbooked`);
    expect(rowsOf<{ n: number }>(overlaps)[0].n).toBe(0);
    expect(await liveRowCount()).toBeGreaterThanOrEqual(1);
  });
});
