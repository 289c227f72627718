/**
 * PostgreSQL text cannot hold U+0000: a string with a NUL makes the INSERT fail (a 500). No
 * keyboard types one, so only a forged request carries it; it is refused before any query.
 */
export const NUL_MESSAGE = 'Contiene un carácter no permitido.';

/** Dot paths ('values.lastName', 'specialtyIds.2') of every string holding a NUL, in any depth. */
export function pathsWithNul(value: unknown, path: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path.join('.')] : [];
  if (!value || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  return Object.entries(value).flatMap(([k, v]) => pathsWithNul(v, [...path, k], seen));
}

/** A form field's text without NUL characters (the portal's FormData fields). */
export function withoutNul(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
}
