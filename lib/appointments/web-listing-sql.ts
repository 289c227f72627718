import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { fromZonedTime } from 'date-fns-tz';
import { appointments, patients } from '@/db/schema';
import { addDaysToDate } from '@/lib/availability/slots';
import { normalizeDni } from '@/lib/patients/schemas';
import { foldedContainsEveryWord } from '@/lib/search/fold';
import { escapeLike } from '@/lib/search/like';
import type { WebListingFilters } from './web-listing-params';

/** The SQL pieces of the web listing: its WHERE, its sort column and its keyset cursor. */

/**
 * Literal SQL, like the partial indexes' own predicate (appointments_web_*_idx): a bound parameter
 * for 'web' would keep the planner from using them under a generic prepared plan.
 */
const webAndNotDeleted = sql`${appointments.source} = 'web' and ${appointments.deletedAt} is null`;

/** The sort key at full (microsecond) precision: a JS Date would cut it to milliseconds and skip rows. */
export const keyText = (column: AnyPgColumn) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)_(\d{1,18})$/;

export function encodeCursor(key: string, id: number): string {
  return Buffer.from(`${key}_${id}`).toString('base64url');
}

/** A cursor from a URL; anything malformed reads as "no cursor" (the first page). */
export function decodeCursor(cursor: string | undefined): { key: string; id: number } | null {
  if (!cursor || cursor.length > 100) return null;
  const m = CURSOR.exec(Buffer.from(cursor, 'base64url').toString());
  return m ? { key: m[1], id: Number(m[2]) } : null;
}

/** Local calendar day(s) in the center's zone → [start, end) instants. */
function localRange(column: AnyPgColumn, from: string | undefined, to: string | undefined, timeZone: string): SQL[] {
  const out: SQL[] = [];
  if (from) out.push(sql`${column} >= ${fromZonedTime(`${from}T00:00:00`, timeZone).toISOString()}::timestamptz`);
  if (to) out.push(sql`${column} < ${fromZonedTime(`${addDaysToDate(to, 1)}T00:00:00`, timeZone).toISOString()}::timestamptz`);
  return out;
}

/** DNI digits (from the start) or every word of the name, in any order. */
function patientMatch(text: string): SQL {
  const dni = normalizeDni(text);
  if (/^\d+$/.test(dni)) {
    return sql`${appointments.patientId} in (select ${patients.id} from ${patients} where ${patients.dni} like ${`${escapeLike(dni)}%`})`;
  }
  const name = sql`(${patients.lastName} || ' ' || ${patients.firstName})`;
  // Accents and case ignored on both sides ("ibanez" finds IBAÑEZ): lib/search/fold.ts.
  return sql`${appointments.patientId} in (select ${patients.id} from ${patients} where ${foldedContainsEveryWord(name, text)})`;
}

export function webListingConditions(filters: WebListingFilters, timeZone: string): SQL {
  const conditions: Array<SQL | undefined> = [
    webAndNotDeleted,
    ...localRange(appointments.createdAt, filters.bookedFrom, filters.bookedTo, timeZone),
    ...localRange(appointments.startsAt, filters.startsFrom, filters.startsTo, timeZone),
    filters.specialtyId ? eq(appointments.specialtyId, filters.specialtyId) : undefined,
    filters.studyId ? eq(appointments.studyId, filters.studyId) : undefined,
    filters.professionalId ? eq(appointments.professionalId, filters.professionalId) : undefined,
    filters.insurerId ? eq(appointments.insurerId, filters.insurerId) : undefined,
    filters.status ? eq(appointments.status, filters.status) : undefined,
    filters.text ? patientMatch(filters.text) : undefined,
  ];
  return and(...conditions)!;
}

/** Up to a quarter: a range this short is cheaper to read whole and sort than to find by walking. */
const FENCE_MAX_DAYS = 93;

function spanDays(from: string | undefined, to: string | undefined): number {
  return from && to ? (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1 : Infinity;
}

/**
 * The column the list is sorted by, as the ORDER BY and the keyset condition use it.
 *
 * `fenced` (`+ interval '0'`, same values) hides it from its index on purpose. A booking comes
 * 1-60 days before its turno, a correlation the planner cannot know: asked for "June's turnos,
 * newest booking first" it walks the booking-date index back from today through every later
 * booking (45,000 rows at 100,000 turnos, ~45 ms), expecting matches spread evenly. Fenced, it
 * reads June from the turno-date index and sorts those rows (~1-5 ms). Only for a short range of
 * the other date: a wide one holds most rows, and then the walk finds them at once.
 */
export function sortColumn(filters: WebListingFilters) {
  const appointment = filters.order === 'appointment';
  const column = appointment ? appointments.startsAt : appointments.createdAt;
  const span = appointment ? spanDays(filters.bookedFrom, filters.bookedTo) : spanDays(filters.startsFrom, filters.startsTo);
  return { sortBy: span <= FENCE_MAX_DAYS ? sql`(${column} + interval '0')` : sql`${column}`, shownDesc: !appointment };
}

