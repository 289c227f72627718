import { PASSWORD_CHANGED_SIGN_IN_AGAIN, type SessionUser, type StaffRole, type StaffSessionUser } from '@/lib/auth/session-claims';

export type RouteAccess = { ok: true; staff: StaffSessionUser } | { ok: false; status: 401 | 403; message: string };

/**
 * Who may call a staff route handler (a file download, say). Route handlers sit outside the
 * (panel) layout, so each checks for itself, with the role *as it is now* in the database:
 * no session, a staff member since deactivated, or one whose password changed since sign-in →
 * 401 (sign in); a patient, or a role not allowed → 403. Pure apart from `standingOf`, so it is
 * unit-tested without a server.
 */
export async function staffRouteAccess(
  user: SessionUser | null,
  standingOf: (staff: StaffSessionUser) => Promise<StaffRole | 'inactive' | 'password_changed'>,
  allowed: readonly StaffRole[],
): Promise<RouteAccess> {
  if (!user) return { ok: false, status: 401, message: 'Ingrese con su usuario del personal.' };
  if (user.kind !== 'staff') return { ok: false, status: 403, message: 'Solo el personal del centro puede descargar este listado.' };
  const role = await standingOf(user);
  if (role === 'inactive') return { ok: false, status: 401, message: 'Su usuario ya no está activo. Ingrese nuevamente.' };
  if (role === 'password_changed') return { ok: false, status: 401, message: PASSWORD_CHANGED_SIGN_IN_AGAIN };
  if (!allowed.includes(role)) return { ok: false, status: 403, message: 'No tiene permiso para esta acción. Consulte con un administrador.' };
  return { ok: true, staff: { ...user, role } };
}
