import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as s from '@/db/schema';
import { listWebAppointments } from '@/lib/appointments/web-listing';
import { bookAppointment } from '@/lib/booking/book';
import { listProfessionalsForAdmin, listSpecialtiesForAdmin } from '@/lib/catalog/admin-queries';
import { listSendLog } from '@/lib/messaging/send-log';
import { searchPatients } from '@/lib/patients/patients';
import { listWebPatients } from '@/lib/web-patients/web-patients';
import { createTestCenter, TZ, webBooking } from '../support/center';
import { describeEachEngine } from '../support/db';

/**
 * Reception types names as they come: without accents or the tilde, or with them where the file
 * has none. Every staff search finds the person either way (lib/search/fold.ts), on both engines
 * (PGlite and a PostgreSQL cluster whose lower() may be ASCII-only).
 */
describeEachEngine('staff searches ignore accents and case', (getCtx) => {
  async function setup() {
    const { db } = getCtx();
    const c = await createTestCenter(db);
    // As the forms store them: upper-cased, accents kept. One MARTINEZ written without its accent.
    await db.update(s.patients).set({ lastName: 'IBAÑEZ', firstName: 'JOSÉ MARÍA' }).where(eq(s.patients.id, c.patientId));
    await db.update(s.patients).set({ lastName: 'MARTINEZ', firstName: 'NOEMI' }).where(eq(s.patients.id, c.otherPatientId));
    await db.update(s.professionals).set({ lastName: 'GÓMEZ', firstName: 'Ángela' }).where(eq(s.professionals.id, c.professionalId));
    await db.update(s.specialties).set({ name: 'CLÍNICA MÉDICA' }).where(eq(s.specialties.id, c.specialtyId));
    return c;
  }
  const names = (rows: Array<{ lastName?: string; name?: string }>) => rows.map((r) => r.lastName ?? r.name);

  it('Pacientes: "ibanez", "Ibáñez" and "jose maria ibanez" (any order) find IBAÑEZ JOSÉ MARÍA; "martínez" finds MARTINEZ', async () => {
    const { db } = getCtx();
    await setup();
    for (const q of ['ibanez', 'Ibáñez', 'IBAÑEZ', 'ibañez jose', 'IBANEZ JOSE MARIA', 'jose maria ibanez']) expect(names(await searchPatients(db, q)), q).toEqual(['IBAÑEZ JOSÉ MARÍA']);
    for (const q of ['martínez', 'Martinez noemí']) expect(names(await searchPatients(db, q)), q).toEqual(['MARTINEZ NOEMI']);
    // Still a search, not a match-all: a % or _ typed is a letter.
    expect(await searchPatients(db, 'ib%ez')).toEqual([]);
    expect(await searchPatients(db, 'gonzalez')).toEqual([]);
  });

  it('Pacientes web, Listado de Turnos Web and the send log find the patient without accents', async () => {
    const { db } = getCtx();
    const c = await setup();
    const web = await listWebPatients(db, { q: 'ibanez jose' });
    expect(web.rows.map((r) => r.name)).toEqual(['IBAÑEZ JOSÉ MARÍA']);

    const booked = await bookAppointment(db, webBooking(c));
    expect(booked.ok).toBe(true);
    const listing = await listWebAppointments(db, { text: 'jose ibanez' }, {}, { timeZone: TZ });
    expect(listing.rows).toHaveLength(1);
    expect((await listWebAppointments(db, { text: 'jose gonzalez' }, {}, { timeZone: TZ })).rows).toHaveLength(0);

    await db.insert(s.messages).values({ channel: 'email', kind: 'bulk', recipient: 'jm@example.com', bodyText: 'x', patientId: c.patientId });
    expect((await listSendLog(db, { text: 'Jose Maria' }, TZ)).rows).toHaveLength(1);
    expect((await listSendLog(db, { text: 'ibanez' }, TZ)).rows).toHaveLength(1);
    expect((await listSendLog(db, { text: 'maria ibanez' }, TZ)).rows).toHaveLength(1);
    expect((await listSendLog(db, { text: 'gomez' }, TZ)).rows).toHaveLength(0);
  });

  it('Profesionales and Especialidades: "gomez angela" and "clinica medica"', async () => {
    const { db } = getCtx();
    await setup();
    expect((await listProfessionalsForAdmin(db, { q: 'gomez' })).map((p) => p.lastName)).toEqual(['GÓMEZ']);
    expect((await listProfessionalsForAdmin(db, { q: 'ANGELA' })).map((p) => p.lastName)).toEqual(['GÓMEZ']);
    expect((await listSpecialtiesForAdmin(db, { q: 'clinica medica' })).map((x) => x.name)).toEqual(['CLÍNICA MÉDICA']);
  });
});
