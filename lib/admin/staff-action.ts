import '@/lib/validation/spanish';
import 'server-only';
import { headers } from 'next/headers';
import type { z } from 'zod';
import { currentStaffStanding, getSessionSid, getSessionUser } from '@/lib/auth/session';
import { PASSWORD_CHANGED_SIGN_IN_AGAIN, type StaffRole, type StaffSessionUser } from '@/lib/auth/session-claims';
import { clientIp } from '@/lib/auth/throttle';
import { NUL_MESSAGE, pathsWithNul } from '@/lib/validation/nul';

export type ActionResult<T = undefined, F extends string = string> =
  | ({ ok: true } & ([T] extends [undefined] ? { data?: undefined } : { data: T }))
  | { ok: false; error: string; fieldErrors?: Partial<Record<F, string>> };

export const NOT_ALLOWED = 'No tiene permiso para esta acción. Consulte con un administrador.';

/**
 * Every staff mutation goes through here: it is a public endpoint, so it checks the session and
 * the role *as it is now in the database*, parses the input with the form's own zod schema, and
 * answers expected failures as values (never a thrown error, never a stack trace).
 */
export function staffAction<S extends z.ZodType, T = undefined>(
  roles: readonly StaffRole[],
  schema: S,
  handler: (input: z.infer<S>, ctx: { staff: StaffSessionUser; ip: string; sid: string }) => Promise<ActionResult<T>>,
) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    const user = await getSessionUser();
    if (user?.kind !== 'staff') return { ok: false, error: 'Su sesión terminó. Ingrese nuevamente.' };
    const role = await currentStaffStanding(user);
    if (role === 'password_changed') return { ok: false, error: PASSWORD_CHANGED_SIGN_IN_AGAIN };
    if (role === 'inactive' || !roles.includes(role)) return { ok: false, error: NOT_ALLOWED };
    const withNul = pathsWithNul(raw);
    if (withNul.length) {
      return { ok: false, error: 'Revise los datos marcados.', fieldErrors: Object.fromEntries(withNul.map((p) => [p, NUL_MESSAGE])) };
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[issue.path.join('.')] ??= issue.message;
      return { ok: false, error: 'Revise los datos marcados.', fieldErrors };
    }
    const ip = clientIp(await headers());
    return handler(parsed.data, { staff: { ...user, role }, ip, sid: await getSessionSid() });
  };
}
