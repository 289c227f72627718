/**
 * Invariant 2 over real HTTP: the center's limits (turnos per patient and day with one professional,
 * future turnos per patient, future turnos from one address) hold when the posts arrive together,
 * against the production build on PostgreSQL, with the demo center's configured limits.
 *
 * The client address is what a reverse proxy in front of the app appends to X-Forwarded-For: the
 * app reads the right-most entry (lib/auth/throttle.ts clientIp), so whatever a client writes to its
 * left cannot move it out of its own limit.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import * as s from '../../db/schema';
import { createEmptyDatabase, startApp, type AppServer, type FreshDatabase } from './support/app-server';
import { describeHttp } from './support/describe-http';
import type { NoJsBrowser } from './support/no-js-browser';
import {
  addWebPatients,
  alertOf,
  appointmentsOf,
  countBy,
  idsByName,
  inBatches,
  offeredSlots,
  openTestDb,
  outcomeOf,
  prepareBooking,
  signedInBrowser,
  slotOf,
} from './support/portal';

describeHttp('center limits under simultaneous bookings over HTTP', () => {
  let database: FreshDatabase;
  let app: AppServer;
  let handle: DbHandle;
  let settings: s.CenterSettings;
  let ids: Awaited<ReturnType<typeof idsByName>>;
  /** Offered slots not handed out yet, grouped by professional and local day. */
  let pool: Map<string, string[]>;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    app = await startApp(database.url);
    handle = openTestDb(database.url);
    [settings] = await handle.db.select().from(s.centerSettings);
    ids = await idsByName(handle.db);
  });

  afterAll(async () => {
    await app?.stop();
    await handle?.close();
    await database?.drop();
  });

  /** Free slots of the demo professionals without a general message, for the next three weeks. */
  async function loadPool(browser: NoJsBrowser) {
    const weeks = [0, 7, 14].map((d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10));
    pool = new Map();
    for (const [name, specialty] of [['JUAREZ', 'CARDIOLOGIA'], ['MARTINEZ', 'GINECOLOGIA'], ['FERNANDEZ', 'DERMATOLOGIA']] as const) {
      for (const path of await offeredSlots(browser, ids.pro(name), ids.specialty(specialty), weeks)) {
        const { professionalId, startsAt } = slotOf(path);
        // The center's day (Buenos Aires, UTC-3) of the slot.
        const day = new Date(startsAt.getTime() - 3 * 3_600_000).toISOString().slice(0, 10);
        const key = `${professionalId}/${day}`;
        pool.set(key, [...(pool.get(key) ?? []), path]);
      }
    }
  }

  /** `n` slots, taken round-robin across professional-days (so consecutive ones never share a day). */
  function takeSlots(n: number): string[] {
    const out: string[] = [];
    while (out.length < n) {
      const before = out.length;
      for (const list of pool.values()) if (out.length < n && list.length) out.push(list.shift()!);
      if (out.length === before) throw new Error(`only ${out.length} free slots left, ${n} wanted`);
    }
    return out;
  }

  it('one patient firing 20 bookings of different free slots at once gets only what the limits allow', async () => {
    const [patient] = await addWebPatients(handle.db, 1, 51_000_000);
    const browser = await signedInBrowser(app.url, patient, { forwardedFor: { client: '192.0.2.10' } });
    await loadPool(browser);
    const slots = takeSlots(20);
    const days = new Set(slots.map((p) => { const { professionalId, startsAt } = slotOf(p); return `${professionalId}/${startsAt.toISOString().slice(0, 10)}`; }));
    const forms = [];
    for (const path of slots) forms.push(await prepareBooking(browser, path, ids.particularId));

    const started = performance.now();
    const pages = await Promise.all(forms.map((f) => f.submit()));
    const elapsedMs = Math.round(performance.now() - started);

    const outcomes = pages.map(outcomeOf);
    const alerts = pages.map(alertOf);
    console.log(`one patient, 20 simultaneous bookings (${elapsedMs} ms):`, countBy(outcomes, (o) => o.kind), countBy(alerts.filter(Boolean), (a) => a.slice(0, 40)));
    const expected = Math.min(settings.maxFuturePerPatient, days.size);
    expect(settings.maxFuturePerPatient).toBe(4); // the demo center's default, as configured
    expect(outcomes.filter((o) => o.kind === 'booked')).toHaveLength(expected);
    const dayLimit = settings.maxPerDaySpecialtyProfessional === 1
      ? 'Ya tiene un turno con este profesional ese día.'
      : `Ya tiene ${settings.maxPerDaySpecialtyProfessional} turnos con este profesional ese día, el máximo permitido.`;
    const futureLimit = `Ya tiene ${settings.maxFuturePerPatient} turnos a futuro sin cancelar, el máximo permitido. Para tomar otro, cancele alguno en Mis Turnos.`;
    pages.forEach((page, i) => {
      if (outcomes[i].kind === 'booked') return;
      expect(outcomes[i].kind).toBe('refused');
      expect(page.status).toBe(200);
      expect([dayLimit, futureLimit]).toContain(alerts[i]);
    });
    expect(await appointmentsOf(handle.db, [patient.id])).toHaveLength(expected);
  });

  it('ten patients behind one address firing 20 bookings at once never pass the per-address limit', async () => {
    const patients = await addWebPatients(handle.db, 10, 52_000_000);
    // The same client as the proxy sees it; each claims another address on the left, to no avail.
    const browsers = await inBatches(patients, 5, (p, i) =>
      signedInBrowser(app.url, p, { forwardedFor: { client: '203.0.113.77', claimed: `10.9.9.${i + 1}` } }),
    );
    const slots = takeSlots(20);
    // Two per patient, on different professional-days: the patients' own limits never bind first.
    const forms = [];
    for (let i = 0; i < 20; i++) forms.push(await prepareBooking(browsers[i % 10], slots[i], ids.particularId));

    const started = performance.now();
    const pages = await Promise.all(forms.map((f) => f.submit()));
    const elapsedMs = Math.round(performance.now() - started);

    const outcomes = pages.map(outcomeOf);
    console.log(`one address, 10 patients, 20 simultaneous bookings (${elapsedMs} ms):`, countBy(outcomes, (o) => o.kind));
    expect(settings.maxFuturePerIp).toBe(8);
    expect(outcomes.filter((o) => o.kind === 'booked')).toHaveLength(settings.maxFuturePerIp);
    const ipLimit = `Desde esta computadora o teléfono ya se tomaron ${settings.maxFuturePerIp} turnos a futuro, el máximo permitido. Comuníquese con el centro.`;
    pages.forEach((page, i) => {
      if (outcomes[i].kind === 'booked') return;
      expect(outcomes[i].kind).toBe('refused');
      expect(alertOf(page)).toBe(ipLimit);
    });
    const rows = await appointmentsOf(handle.db, patients.map((p) => p.id));
    expect(rows).toHaveLength(settings.maxFuturePerIp);
    expect(new Set(rows.map((r) => r.createdIp))).toEqual(new Set(['203.0.113.77']));
    expect(await handle.db.select().from(s.appointments).where(eq(s.appointments.createdIp, '203.0.113.77'))).toHaveLength(settings.maxFuturePerIp);
  });
});
