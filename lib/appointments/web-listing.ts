import 'server-only';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import { appointments, insurers, patients, professionals, specialties, staffUsers, studies, type AppointmentStatus } from '@/db/schema';
import { getCenterSettings } from '@/lib/settings/queries';
import type { WebListingFilters, WebListingPageRequest } from './web-listing-params';
import { decodeCursor, encodeCursor, keyText, sortColumn, webListingConditions } from './web-listing-sql';

export type { WebListingFilters, WebListingPageRequest } from './web-listing-params';

/**
 * "Listado de Turnos dados por Sistema Web": only turnos the patients took on the web, never the
 * deleted ones (cancelled ones stay, with who and when). Keyset pagination, so page 4,000 costs
 * what page 1 costs: the position is the (sort instant, id) of the row next to it, never an OFFSET.
 */

export interface WebListingRow {
  id: number;
  /** FECHA DE OTORGAMIENTO */
  bookedAt: Date;
  /** FECHA DEL TURNO */
  startsAt: Date;
  endsAt: Date;
  patient: string;
  dni: string;
  professional: string;
  specialty: string | null;
  study: string | null;
  insurer: string | null;
  status: AppointmentStatus;
  reason: string;
  cancelledAt: Date | null;
  cancelOrigin: 'web' | 'staff' | 'system' | null;
  /** Full name of the staff member who cancelled it, when it was the center. */
  cancelledBy: string | null;
}

export interface WebListingPage {
  rows: WebListingRow[];
  /** Cursor of the next page ("Siguiente"), or null on the last one. */
  next: string | null;
  /** Cursor of the previous page ("Anterior"), or null on the first one. */
  prev: string | null;
  /** How many rows match, counted up to COUNT_CAP: `more` = "más de COUNT_CAP". */
  total: { count: number; more: boolean };
}

export const PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 1000;
/** Counting stops here: an exact count of 100,000 rows costs a scan of all of them. */
export const COUNT_CAP = 1000;

interface Seek {
  /** 'forward' = the order shown; 'backward' = reversed, to read the page before a cursor. */
  direction: 'forward' | 'backward';
  cursor: { key: string; id: number } | null;
}

const cancelledByStaff = alias(staffUsers, 'cancelled_by');

/**
 * One slice of the listing in keyset order; `limit` rows at most. The page is chosen from
 * `appointments` alone (narrow rows, index order) and only then joined to names: a join below the
 * LIMIT would look up the patient of every candidate row, not only of the 25 shown.
 */
async function selectSlice(db: DbOrTx, where: SQL, filters: WebListingFilters, seek: Seek, limit: number) {
  const { sortBy, shownDesc } = sortColumn(filters);
  const descending = seek.direction === 'forward' ? shownDesc : !shownDesc;
  const position = seek.cursor
    ? descending
      ? sql`(${sortBy}, ${appointments.id}) < (${seek.cursor.key}::timestamptz, ${seek.cursor.id}::bigint)`
      : sql`(${sortBy}, ${appointments.id}) > (${seek.cursor.key}::timestamptz, ${seek.cursor.id}::bigint)`
    : undefined;
  const by = descending ? desc : asc;
  const page = db
    .select({
      id: appointments.id,
      createdAt: appointments.createdAt,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      patientId: appointments.patientId,
      professionalId: appointments.professionalId,
      specialtyId: appointments.specialtyId,
      studyId: appointments.studyId,
      insurerId: appointments.insurerId,
      status: appointments.status,
      reason: appointments.reason,
      cancelledAt: appointments.cancelledAt,
      cancelOrigin: appointments.cancelOrigin,
      cancelledByStaffId: appointments.cancelledByStaffId,
    })
    .from(appointments)
    .where(and(where, position))
    .orderBy(by(sortBy), by(appointments.id))
    .limit(limit)
    .as('page');
  const rows = await db
    .select({
      id: page.id,
      bookedAt: page.createdAt,
      startsAt: page.startsAt,
      endsAt: page.endsAt,
      patient: sql<string>`${patients.lastName} || ' ' || ${patients.firstName}`,
      dni: patients.dni,
      professional: sql<string>`${professionals.lastName} || ' ' || ${professionals.firstName}`,
      specialty: specialties.name,
      study: studies.name,
      insurer: insurers.name,
      status: page.status,
      reason: page.reason,
      cancelledAt: page.cancelledAt,
      cancelOrigin: page.cancelOrigin,
      cancelledBy: cancelledByStaff.fullName,
      // Only for the rows kept: computed below the LIMIT it would run for every candidate row.
      key: keyText(shownDesc ? page.createdAt : page.startsAt),
    })
    .from(page)
    .innerJoin(patients, eq(patients.id, page.patientId))
    .innerJoin(professionals, eq(professionals.id, page.professionalId))
    .leftJoin(specialties, eq(specialties.id, page.specialtyId))
    .leftJoin(studies, eq(studies.id, page.studyId))
    .leftJoin(insurers, eq(insurers.id, page.insurerId))
    .leftJoin(cancelledByStaff, eq(cancelledByStaff.id, page.cancelledByStaffId))
    .orderBy(by(shownDesc ? page.createdAt : page.startsAt), by(page.id));
  return rows;
}

type SliceRow = Awaited<ReturnType<typeof selectSlice>>[number];

function toRow({ key: _key, ...row }: SliceRow): WebListingRow {
  return row;
}

async function timeZoneOf(db: DbOrTx, options: { timeZone?: string }): Promise<string> {
  return options.timeZone ?? (await getCenterSettings(db)).timeZone;
}

/** How many rows match, up to COUNT_CAP (+1 to know there are more). */
export async function countWebAppointments(db: DbOrTx, filters: WebListingFilters, options: { timeZone?: string } = {}) {
  const where = webListingConditions(filters, await timeZoneOf(db, options));
  const capped = db.select({ one: sql`1`.as('one') }).from(appointments).where(where).limit(COUNT_CAP + 1).as('capped');
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int`.mapWith(Number) }).from(capped);
  return { count: Math.min(n, COUNT_CAP), more: n > COUNT_CAP };
}

/** One page of the listing, and the cursors of its neighbours. */
export async function listWebAppointments(
  db: DbOrTx,
  filters: WebListingFilters,
  page: WebListingPageRequest = {},
  options: { timeZone?: string } = {},
): Promise<WebListingPage> {
  const timeZone = await timeZoneOf(db, options);
  const size = Math.min(Math.max(1, Math.floor(page.size ?? PAGE_SIZE)), MAX_PAGE_SIZE);
  const where = webListingConditions(filters, timeZone);
  const after = decodeCursor(page.after);
  const before = after ? null : decodeCursor(page.before);
  const [slice, total] = await Promise.all([
    before
      ? selectSlice(db, where, filters, { direction: 'backward', cursor: before }, size + 1)
      : selectSlice(db, where, filters, { direction: 'forward', cursor: after }, size + 1),
    countWebAppointments(db, filters, { timeZone }),
  ]);
  const hasMore = slice.length > size;
  const shown = slice.slice(0, size);
  if (before) shown.reverse();
  const first = shown[0];
  const last = shown[shown.length - 1];
  // Going back, "more" is about the previous page; going forward, about the next one.
  const hasPrev = before ? hasMore : after !== null;
  const hasNext = before ? true : hasMore;
  return {
    rows: shown.map(toRow),
    next: hasNext && last ? encodeCursor(last.key, last.id) : null,
    prev: hasPrev && first ? encodeCursor(first.key, first.id) : null,
    total,
  };
}

/**
 * Every matching row, in the listing's order, `batchSize` at a time (for the exports): each batch
 * is one keyset query, so memory holds one batch however long the list is.
 */
export async function* webAppointmentBatches(
  db: DbOrTx,
  filters: WebListingFilters,
  options: { timeZone?: string; batchSize?: number } = {},
): AsyncGenerator<WebListingRow[]> {
  const where = webListingConditions(filters, await timeZoneOf(db, options));
  const size = options.batchSize ?? MAX_PAGE_SIZE;
  let cursor: Seek['cursor'] = null;
  for (;;) {
    const slice = await selectSlice(db, where, filters, { direction: 'forward', cursor }, size);
    if (slice.length === 0) return;
    yield slice.map(toRow);
    if (slice.length < size) return;
    const last = slice[slice.length - 1];
    cursor = { key: last.key, id: last.id };
  }
}
