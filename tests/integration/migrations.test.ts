/**
 * The committed migrations serve both engines (PGlite = PostgreSQL 18, servers may be 15),
 * are safe to run on every start, and the schema's check constraints really reject bad data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rowsOf, type Db } from '../../db/client';
import { migrateDatabase, migrationsFolder } from '../../db/migrate';
import { appointments, centerSettings, patients, schedules } from '../../db/schema';
import { createTestDatabase, describeEachEngine, expectDbError } from '../support/db';
import { insertPatient, insertProfessional } from '../support/fixtures';

const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
  entries: unknown[];
};

async function scalar(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  return Number(rowsOf<{ n: number | string }>(await db.execute(query))[0].n);
}

const appliedMigrations = (db: Db) => scalar(db, sql`select count(*) as n from drizzle.__drizzle_migrations`);

/** A rough fingerprint of the schema: how many tables, indexes and constraints it has. */
const schemaObjects = (db: Db) =>
  scalar(
    db,
    sql`select (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where n.nspname = 'public')
             + (select count(*) from pg_constraint c join pg_namespace n on n.oid = c.connamespace
                 where n.nspname = 'public') as n`,
  );

describeEachEngine('migrations', (getCtx) => {
  it('apply every migration to an empty database', async () => {
    const empty = await createTestDatabase(getCtx().engine, { migrated: false });
    try {
      await migrateDatabase(empty.handle);
      expect(await appliedMigrations(empty.db)).toBe(journal.entries.length);
      const exclusion = await scalar(
        empty.db,
        sql`select count(*) as n from pg_constraint where conname = 'appointments_no_overlap' and contype = 'x'`,
      );
      expect(exclusion).toBe(1);
    } finally {
      await empty.destroy();
    }
  });

  it('are a no-op when run again', async () => {
    const { db, handle } = getCtx();
    const before = { applied: await appliedMigrations(db), objects: await schemaObjects(db) };
    await migrateDatabase(handle);
    await migrateDatabase(handle);
    expect({ applied: await appliedMigrations(db), objects: await schemaObjects(db) }).toEqual(before);
  });

  it('reject a DNI that is not 6-9 digits', async () => {
    const { db } = getCtx();
    for (const dni of ['12A45678', '12.345.678', '12345', '1234567890', '']) {
      const error = await expectDbError(
        db.insert(patients).values({ dni, lastName: 'GOMEZ', firstName: 'ANA' }),
      );
      expect(error).toMatchObject({ code: '23514', constraint: 'patients_dni_digits' });
    }
    await insertPatient(db, { dni: '30123456' });
  });

  it('reject an appointment that does not end after it starts', async () => {
    const { db } = getCtx();
    const professional = await insertProfessional(db);
    const patient = await insertPatient(db);
    const start = new Date('2031-03-10T13:00:00Z');
    for (const end of [start, new Date('2031-03-10T12:40:00Z')]) {
      const error = await expectDbError(
        db.insert(appointments).values({
          professionalId: professional.id,
          patientId: patient.id,
          startsAt: start,
          endsAt: end,
          source: 'web',
        }),
      );
      expect(error).toMatchObject({ code: '23514', constraint: 'appointments_time_order' });
    }
  });

  it('reject a cancelled appointment without its cancellation time, and the reverse', async () => {
    const { db } = getCtx();
    const professional = await insertProfessional(db);
    const patient = await insertPatient(db);
    const base = {
      professionalId: professional.id,
      patientId: patient.id,
      startsAt: new Date('2031-03-10T13:00:00Z'),
      endsAt: new Date('2031-03-10T13:20:00Z'),
      source: 'web' as const,
    };
    for (const bad of [{ status: 'cancelled' as const }, { status: 'reserved' as const, cancelledAt: new Date() }]) {
      const error = await expectDbError(db.insert(appointments).values({ ...base, ...bad }));
      expect(error).toMatchObject({ code: '23514', constraint: 'appointments_cancel_consistency' });
    }
  });

  it('reject a second settings row and a weekday outside 1-7', async () => {
    const { db } = getCtx();
    const settings = await expectDbError(db.insert(centerSettings).values({ id: 2, centerName: 'OTRO' }));
    expect(settings).toMatchObject({ code: '23514', constraint: 'center_settings_singleton' });

    const professional = await insertProfessional(db);
    const weekday = await expectDbError(
      db.insert(schedules).values({
        professionalId: professional.id,
        weekday: 0,
        startTime: '08:00',
        endTime: '12:00',
        slotMinutes: 20,
        validFrom: '2031-01-01',
      }),
    );
    expect(weekday).toMatchObject({ code: '23514', constraint: 'schedules_weekday_iso' });
  });
});
