/**
 * Invariant 1 over real HTTP: 100 patients, each signed in with their own browser (no JavaScript),
 * post "Confirmar Turno" for the same slot at the same instant, to the production build on
 * PostgreSQL. Each comes from its own address (a proxy in front sets X-Forwarded-For), so nothing
 * but the database's exclusion constraint and the slot check serialise them.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { SLOT_TAKEN_MESSAGE } from '../../lib/booking/errors';
import { startApp, createEmptyDatabase, type AppServer, type FreshDatabase } from './support/app-server';
import { describeHttp } from './support/describe-http';
import {
  addWebPatients,
  countBy,
  idsByName,
  inBatches,
  offeredSlots,
  openTestDb,
  outcomeOf,
  prepareBooking,
  signedInBrowser,
  slotOf,
  type WebPatient,
} from './support/portal';
import type { DbHandle } from '../../db/client';

const PATIENTS = 100;

describeHttp('100 patients booking one slot at the same instant over HTTP', () => {
  let database: FreshDatabase;
  let app: AppServer;
  let handle: DbHandle;
  let patients: WebPatient[];

  beforeAll(async () => {
    database = await createEmptyDatabase();
    app = await startApp(database.url);
    handle = openTestDb(database.url);
    patients = await addWebPatients(handle.db, PATIENTS, 50_000_000);
  });

  afterAll(async () => {
    await app?.stop();
    await handle?.close();
    await database?.drop();
  });

  it('exactly one appointment, 99 clear Spanish refusals, no server error', async () => {
    const { pro, specialty, particularId } = await idsByName(handle.db);
    const browsers = await inBatches(patients, 8, (p, i) =>
      signedInBrowser(app.url, p, { forwardedFor: { client: `198.51.${100 + Math.floor(i / 250)}.${(i % 250) + 1}` } }),
    );
    const [slotPath] = await offeredSlots(browsers[0], pro('JUAREZ'), specialty('CARDIOLOGIA'), [today()]);
    expect(slotPath).toBeDefined();
    // Everyone sees the slot free and holds the filled-in form...
    const forms = await inBatches(browsers, 8, (b) => prepareBooking(b, slotPath, particularId));

    // ...and everyone clicks at once.
    const started = performance.now();
    const pages = await Promise.all(forms.map((f) => f.submit()));
    const elapsedMs = Math.round(performance.now() - started);

    const outcomes = pages.map(outcomeOf);
    console.log(`100 simultaneous bookings of one slot answered in ${elapsedMs} ms:`, countBy(outcomes, (o) => o.kind));
    expect(outcomes.filter((o) => o.kind === 'error')).toEqual([]);
    const booked = outcomes.filter((o) => o.kind === 'booked');
    expect(booked).toHaveLength(1);
    const taken = outcomes.filter((o) => o.kind === 'taken');
    expect(taken).toHaveLength(PATIENTS - 1);
    // Back on the agenda, with the sentence from lib/booking/errors.ts.
    for (const refusal of taken) expect(refusal.kind === 'taken' && refusal.text).toContain(SLOT_TAKEN_MESSAGE);

    const { professionalId, startsAt } = slotOf(slotPath);
    const rows = await handle.db
      .select({ id: s.appointments.id, patientId: s.appointments.patientId })
      .from(s.appointments)
      .where(and(eq(s.appointments.professionalId, professionalId), eq(s.appointments.startsAt, startsAt), ne(s.appointments.status, 'cancelled')));
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(booked[0].kind === 'booked' && booked[0].appointmentId);
    const winner = outcomes.findIndex((o) => o.kind === 'booked');
    expect(rows[0].patientId).toBe(patients[winner].id);
    // Only the winner's booking reached the database at all: no other appointment, mail or audit entry.
    const ours = patients.map((p) => p.id);
    expect(await handle.db.select({ id: s.appointments.id }).from(s.appointments).where(inArray(s.appointments.patientId, ours))).toHaveLength(1);
    const mails = await handle.db.select({ id: s.messages.id }).from(s.messages).where(inArray(s.messages.patientId, ours));
    expect(mails).toHaveLength(1);
  });
});

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
