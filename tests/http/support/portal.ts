/**
 * The patient portal as the HTTP suites use it: extra web patients written straight to the
 * database (one password hash for all: scrypt is slow on purpose), and "Confirmar Turno" driven
 * through the page's own form by a browser without JavaScript.
 */
import { eq, inArray } from 'drizzle-orm';
import { postgresHandle, type Db, type DbHandle } from '../../../db/client';
import * as s from '../../../db/schema';
import { hashPassword } from '../../../lib/auth/password';
import { fill, formWithField, NoJsBrowser, visibleText, type BrowserOptions, type Page } from './no-js-browser';

export const PATIENT_PASSWORD = 'clave-de-prueba-http';

export interface WebPatient {
  id: number;
  dni: string;
}

export function openTestDb(url: string): DbHandle {
  return postgresHandle(url, { max: 4 });
}

/** `count` activated web patients with e-mail (so every booking writes its confirmation to the outbox). */
export async function addWebPatients(db: Db, count: number, firstDni: number): Promise<WebPatient[]> {
  const passwordHash = await hashPassword(PATIENT_PASSWORD);
  const rows = await db
    .insert(s.patients)
    .values(
      Array.from({ length: count }, (_, i) => ({
        dni: String(firstDni + i),
        lastName: 'PRUEBA HTTP',
        firstName: `PACIENTE ${i + 1}`,
        email: `paciente${firstDni + i}@example.com`,
      })),
    )
    .returning({ id: s.patients.id, dni: s.patients.dni });
  await db.insert(s.webAccounts).values(rows.map((p) => ({ patientId: p.id, passwordHash, activatedAt: new Date() })));
  return rows;
}

export async function idsByName(db: Db) {
  const pros = await db.select({ id: s.professionals.id, lastName: s.professionals.lastName }).from(s.professionals);
  const specs = await db.select({ id: s.specialties.id, name: s.specialties.name }).from(s.specialties);
  const [particular] = await db.select({ id: s.insurers.id }).from(s.insurers).where(eq(s.insurers.name, 'PARTICULAR'));
  const pro = (lastName: string) => pros.find((p) => p.lastName === lastName)!.id;
  const specialty = (name: string) => specs.find((p) => p.name === name)!.id;
  return { pro, specialty, particularId: particular.id };
}

/** A patient's browser, already signed in through Auth.js's credentials endpoint. */
export async function signedInBrowser(baseUrl: string, patient: WebPatient, options: BrowserOptions = {}): Promise<NoJsBrowser> {
  const browser = new NoJsBrowser(baseUrl, options);
  if (!(await browser.signInPatient(patient.dni, PATIENT_PASSWORD))) throw new Error(`could not sign in ${patient.dni}`);
  return browser;
}

/** Runs `work` over `items`, at most `limit` at a time (sign-ins cost a scrypt each on the server). */
export async function inBatches<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i], i);
      }
    }),
  );
  return results;
}

/** "Confirmar Turno" pages offered on a professional's agenda, week by week from `fromDate` (yyyy-MM-dd). */
export async function offeredSlots(browser: NoJsBrowser, professionalId: number, specialtyId: number, weeks: string[]): Promise<string[]> {
  const links = new Set<string>();
  for (const desde of weeks) {
    const page = await browser.get(`/tomar-turno/agenda/${professionalId}?especialidad=${specialtyId}&desde=${desde}`);
    if (page.status !== 200) throw new Error(`agenda answered ${page.status}`);
    for (const m of page.html.matchAll(/href="(\/tomar-turno\/confirmar\?[^"]+)"/g)) links.add(m[1].replace(/&amp;/g, '&'));
  }
  return [...links];
}

/** The instant a confirm link is for. */
export function slotOf(confirmPath: string): { professionalId: number; startsAt: Date } {
  const params = new URL(confirmPath, 'http://x').searchParams;
  return { professionalId: Number(params.get('profesional')), startsAt: new Date(params.get('inicio')!) };
}

export interface PreparedBooking {
  path: string;
  fields: Array<[string, string]>;
  /** Posts the form: what the patient's "Confirmar Turno" click sends. */
  submit(): Promise<Page>;
}

/** Opens the confirm page (it must offer the slot) and fills the form, ready to post. */
export async function prepareBooking(browser: NoJsBrowser, confirmPath: string, insurerId: number): Promise<PreparedBooking> {
  const page = await browser.get(confirmPath);
  if (page.status !== 200 || page.redirects.length) {
    throw new Error(`the confirm page did not offer ${confirmPath}: ${page.status} ${page.redirects.join(' ')}`);
  }
  return bookingOnPage(browser, confirmPath, page, insurerId);
}

/** The "Confirmar Turno" form of an open confirm page, filled in. */
export function bookingOnPage(browser: NoJsBrowser, confirmPath: string, page: Page, insurerId: number): PreparedBooking {
  const fields = fill(formWithField(page.html, 'insurerId'), { insurerId: String(insurerId), reason: 'Prueba HTTP' });
  return { path: confirmPath, fields, submit: () => browser.submit(confirmPath, fields) };
}

export type BookingOutcome =
  | { kind: 'booked'; appointmentId: number }
  | { kind: 'taken'; text: string }
  | { kind: 'refused'; text: string }
  | { kind: 'error'; status: number; text: string };

/** Where a booking post landed, as the patient sees it. */
export function outcomeOf(page: Page): BookingOutcome {
  const text = visibleText(page.html);
  if (page.status >= 500) return { kind: 'error', status: page.status, text };
  const booked = page.path.match(/^\/mis-turnos\/(\d+)\/insertado$/);
  if (booked && page.status === 200) return { kind: 'booked', appointmentId: Number(booked[1]) };
  if (page.path.includes('aviso=tomado')) return { kind: 'taken', text };
  return { kind: 'refused', text };
}

/** The alert the confirm page shows after a refused post (FormError's role="alert"). */
export function alertOf(page: Page): string {
  const m = page.html.match(/<[^>]+role="alert"[^>]*>([\s\S]*?)<\/(?:p|div)>/);
  return m ? visibleText(m[1]) : '';
}

export function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

export async function appointmentsOf(db: Db, patientIds: number[]) {
  return db
    .select({ id: s.appointments.id, patientId: s.appointments.patientId, startsAt: s.appointments.startsAt, createdIp: s.appointments.createdIp })
    .from(s.appointments)
    .where(inArray(s.appointments.patientId, patientIds));
}
