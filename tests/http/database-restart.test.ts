/**
 * PostgreSQL crashes in the middle of a booking load and comes back, under the production build:
 * - every request during the outage gets an answer: the Spanish "intente nuevamente" page (503, no
 *   stack trace, no English framework text), never a hung or reset connection;
 * - the same `next start` process serves again by itself once PostgreSQL is back;
 * - nothing is half-written: every appointment that committed has its confirmation mail in the
 *   outbox and its audit entry, and no outbox row or audit entry points at a missing appointment.
 *
 * The suite's own throwaway cluster, since it is crashed (scripts/pg-throwaway.sh crash/resume).
 */
import { addDays, format } from 'date-fns';
import { fromZonedTime } from 'date-fns-tz';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf, type DbHandle } from '../../db/client';
import * as s from '../../db/schema';
import { TRY_AGAIN_TEXT, TRY_AGAIN_TITLE } from '../../components/errors/try-again-notice';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/pg-server';
import { startApp, waitForHealth, type AppServer } from './support/app-server';
import { describeHttp } from './support/describe-http';
import { visibleText, type NoJsBrowser, type Page } from './support/no-js-browser';
import {
  addWebPatients,
  bookingOnPage,
  countBy,
  idsByName,
  inBatches,
  openTestDb,
  outcomeOf,
  prepareBooking,
  signedInBrowser,
  type WebPatient,
} from './support/portal';

const TZ = 'America/Argentina/Buenos_Aires';
const USERS = 12;

interface Answer {
  /** When the request was sent and when its answer was complete. */
  sent: number;
  at: number;
  request: string;
  status: number;
  path: string;
  text: string;
  outcome: ReturnType<typeof outcomeOf>['kind'] | 'page' | 'network';
  appointmentId?: number;
}

function expectTryAgainPage(a: Answer): void {
  expect(a.status, `${a.request} -> ${a.path}`).toBe(503);
  expect(a.path.startsWith('/no-disponible')).toBe(true);
  expect(a.text).toContain(TRY_AGAIN_TITLE);
  expect(a.text).toContain(TRY_AGAIN_TEXT);
  expect(a.text).not.toMatch(LEAKS);
}

const LEAKS = /Internal Server Error|Application error|ECONNREFUSED|Failed query|\bat .+:\d+:\d+/;

describeHttp('PostgreSQL restarted in the middle of a booking load', () => {
  let cluster: ThrowawayPostgres;
  let app: AppServer;
  let handle: DbHandle;
  let patients: WebPatient[];
  let loadProfessionalId: number;
  let specialtyId: number;
  let particularId: number;

  beforeAll(async () => {
    // Durable, as production is: with the test clusters' fsync=off / synchronous_commit=off, a crash
    // may lose a commit PostgreSQL already acknowledged, and a booking the patient saw confirmed with it.
    cluster = await startThrowawayPostgres(undefined, { durable: true });
    app = await startApp(cluster.url);
    handle = openTestDb(cluster.url);
    const ids = await idsByName(handle.db);
    specialtyId = ids.specialty('CARDIOLOGIA');
    particularId = ids.particularId;
    // A professional with a long agenda every day (5-minute turnos), so the load never runs out
    // of free slots; and limits the load cannot reach (limits are another suite's subject).
    const [pro] = await handle.db
      .insert(s.professionals)
      .values({ lastName: 'CARGA', firstName: 'PRUEBA', license: 'MN 1', webEnabled: true, maxDaysAhead: 60 })
      .returning({ id: s.professionals.id });
    loadProfessionalId = pro.id;
    await handle.db.insert(s.professionalSpecialties).values({ professionalId: pro.id, specialtyId });
    await handle.db.insert(s.schedules).values(
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        professionalId: pro.id,
        weekday,
        startTime: '07:00',
        endTime: '21:00',
        slotMinutes: 5,
        validFrom: format(addDays(new Date(), -1), 'yyyy-MM-dd'),
        specialtyId,
      })),
    );
    await handle.db.update(s.centerSettings).set({ maxFuturePerPatient: 1000, maxPerDaySpecialtyProfessional: 1000, maxFuturePerIp: 1000 });
    patients = await addWebPatients(handle.db, USERS + 1, 53_000_000);
  });

  afterAll(async () => {
    await app?.stop();
    await handle?.close();
    cluster?.stop();
  });

  /** User u books day (today + 2 + u), one 5-minute slot after the other: nobody competes. */
  function slotPath(user: number, n: number): string {
    const day = format(addDays(new Date(), 2 + user), 'yyyy-MM-dd');
    const minutes = 7 * 60 + 5 * n;
    const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const startsAt = fromZonedTime(`${day}T${time}:00`, TZ).toISOString();
    return `/tomar-turno/confirmar?especialidad=${specialtyId}&profesional=${loadProfessionalId}&inicio=${encodeURIComponent(startsAt)}`;
  }

  async function record(answers: Answer[], request: string, go: () => Promise<Page>, booking: boolean): Promise<Page | null> {
    const sent = Date.now();
    try {
      const page = await go();
      const outcome = booking ? outcomeOf(page) : null;
      answers.push({
        sent,
        at: Date.now(),
        request,
        status: page.status,
        path: page.path,
        text: visibleText(page.html),
        outcome: outcome?.kind ?? 'page',
        appointmentId: outcome?.kind === 'booked' ? outcome.appointmentId : undefined,
      });
      return page;
    } catch (error) {
      answers.push({ sent, at: Date.now(), request, status: 0, path: '', text: String(error), outcome: 'network' });
      return null;
    }
  }

  /** One user: open the confirm page, post it, look at Mis Turnos; again, until told to stop. */
  async function userLoop(browser: NoJsBrowser, user: number, answers: Answer[], running: () => boolean) {
    for (let n = 0; running(); n++) {
      const path = slotPath(user, n);
      const opened = await record(answers, 'GET confirmar', () => browser.get(path), false);
      if (opened?.status === 200 && opened.path === path) {
        const form = bookingOnPage(browser, path, opened, particularId);
        await record(answers, 'POST confirmar', () => form.submit(), true);
      }
      await record(answers, 'GET mis-turnos', () => browser.get('/mis-turnos'), false);
    }
  }

  it('answers in Spanish during the outage, recovers by itself, and leaves nothing half-written', async () => {
    const browsers = await inBatches(patients, 6, (p, i) => signedInBrowser(app.url, p, { forwardedFor: { client: `198.18.0.${i + 1}` } }));
    const pid = app.pid;
    const answers: Answer[] = [];
    let running = true;
    const load = Promise.all(browsers.slice(0, USERS).map((b, u) => userLoop(b, u, answers, () => running)));

    // Crash once the load is really booking (a few bookings in), not while it signs in.
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      if (answers.filter((a) => a.outcome === 'booked').length >= USERS / 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const crashAt = Date.now();
    cluster.crash();
    const crashed = Date.now();
    await new Promise((r) => setTimeout(r, 4_000));
    const resumeAt = Date.now();
    cluster.resume();
    const resumed = Date.now();
    await waitForHealth(app.url, 30_000);
    const healthyAfterMs = Date.now() - resumed;
    await new Promise((r) => setTimeout(r, 2_000));
    running = false;
    await load;

    // Sent and answered while PostgreSQL was down (a request in flight across the crash may still succeed).
    const during = answers.filter((a) => a.sent > crashed && a.at < resumeAt);
    const before = answers.filter((a) => a.at < crashAt);
    console.log(
      `${answers.length} answers; before the crash ${JSON.stringify(countBy(before, (a) => `${a.status}`))}, ` +
        `during the ${resumeAt - crashed} ms outage ${JSON.stringify(countBy(during, (a) => `${a.request} ${a.status}`))}, ` +
        `${answers.filter((a) => a.status >= 500).length} error answers in all, ` +
        `healthy ${healthyAfterMs} ms after PostgreSQL was back`,
    );

    // Every request got an HTTP answer...
    expect(answers.filter((a) => a.outcome === 'network')).toEqual([]);
    expect(before.filter((a) => a.status !== 200)).toEqual([]);
    // ...every one sent while PostgreSQL was down got the Spanish page, with 503...
    expect(during.length).toBeGreaterThan(0);
    for (const a of during) expectTryAgainPage(a);
    // ...and so did every other failure, including renders the crash caught half-way.
    for (const a of answers.filter((x) => x.status >= 500)) expectTryAgainPage(a);

    // The same server process, never restarted, serves bookings again.
    expect(app.alive()).toBe(true);
    expect(app.pid).toBe(pid);
    expect(healthyAfterMs).toBeLessThan(15_000);
    const late = browsers[USERS];
    const form = await prepareBooking(late, slotPath(USERS, 0), particularId);
    expect(outcomeOf(await form.submit()).kind).toBe('booked');

    // Nothing half-written: each committed appointment has its mail and its audit entry...
    const ours = patients.map((p) => p.id);
    const rows = await handle.db.select({ id: s.appointments.id }).from(s.appointments).where(inArray(s.appointments.patientId, ours));
    const booked = answers.filter((a) => a.outcome === 'booked').map((a) => a.appointmentId!);
    console.log(`${rows.length} appointments committed; ${booked.length} confirmed to the browser`);
    expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining(booked));
    const ids = rows.map((r) => r.id);
    const mails = await handle.db
      .select({ appointmentId: s.messages.appointmentId })
      .from(s.messages)
      .where(and(eq(s.messages.kind, 'booking_confirmation'), inArray(s.messages.patientId, ours)));
    const audits = await handle.db
      .select({ entityId: s.auditLog.entityId })
      .from(s.auditLog)
      .where(and(eq(s.auditLog.action, 'appointment.book'), inArray(s.auditLog.entityId, ids.map(String))));
    expect(mails.map((m) => m.appointmentId).sort()).toEqual([...ids].sort());
    expect(audits.map((a) => Number(a.entityId)).sort()).toEqual([...ids].sort());
    // ...and no mail or audit entry of a booking that did not commit.
    const orphanMails = await handle.db.execute(
      sql`select count(*)::int as n from messages m where m.appointment_id is not null and not exists (select 1 from appointments a where a.id = m.appointment_id)`,
    );
    const orphanAudits = await handle.db.execute(
      sql`select count(*)::int as n from audit_log l where l.action = 'appointment.book' and not exists (select 1 from appointments a where a.id::text = l.entity_id)`,
    );
    expect(rowsOf<{ n: number }>(orphanMails)[0].n).toBe(0);
    expect(rowsOf<{ n: number }>(orphanAudits)[0].n).toBe(0);
  });
}, { ownCluster: true });
