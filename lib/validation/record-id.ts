import './spanish';
import { z } from 'zod';

/**
 * The largest id a PostgreSQL `integer` (serial) column holds. A larger number sent by a forged
 * request would make the query itself fail (a 500) instead of finding nothing.
 */
export const MAX_RECORD_ID = 2_147_483_647;

/** A row id as a request carries it (number or digits). */
export const recordId = z.coerce.number().int().positive().max(MAX_RECORD_ID);

/** A route segment or query value like "12" as an id, or null (then the page answers "not found"). */
export function parseId(segment: unknown): number | null {
  const id = typeof segment === 'string' && /^\d+$/.test(segment) ? Number(segment) : NaN;
  return Number.isSafeInteger(id) && id > 0 && id <= MAX_RECORD_ID ? id : null;
}
