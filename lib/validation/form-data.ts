import { withoutNul } from './nul';

/**
 * A text field of a submitted form, as the portal's actions read it. Whatever a forged request
 * sends instead (no FormData at all, a file, a repeated key) reads as the first text value or '';
 * a NUL (no keyboard types one; PostgreSQL cannot store it) is dropped.
 */
export function formText(formData: unknown, name: string): string {
  const value = formData instanceof FormData ? formData.get(name) : null;
  return typeof value === 'string' ? withoutNul(value) : '';
}
