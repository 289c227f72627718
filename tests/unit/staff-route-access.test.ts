import { describe, expect, it, vi } from 'vitest';
import { staffRouteAccess } from '@/lib/admin/route-access';
import type { StaffStanding } from '@/lib/auth/credentials';
import type { PatientSessionUser, StaffSessionUser } from '@/lib/auth/session-claims';

/** Who may download the web listing (app/admin/turnos-web/listado/exportar/route.ts). */
describe('staff route access', () => {
  const staff: StaffSessionUser = { kind: 'staff', id: 'staff:3', staffId: 3, username: 'recepcion', name: 'RECEPCION', role: 'admin', idleMinutes: 60 };
  const patient: PatientSessionUser = { kind: 'patient', id: 'patient:9', patientId: 9, name: 'PEREZ JUAN', dni: '30111222', idleMinutes: 10 };
  const roleIs = (role: StaffStanding) => vi.fn(async (_staff: StaffSessionUser) => role);
  const STAFF = ['admin', 'reception'] as const;

  it('refuses an anonymous request with 401, without asking the database', async () => {
    const roleOf = roleIs('admin');
    expect(await staffRouteAccess(null, roleOf, STAFF)).toMatchObject({ ok: false, status: 401 });
    expect(roleOf).not.toHaveBeenCalled();
  });

  it('refuses a signed-in patient with 403', async () => {
    const roleOf = roleIs('admin');
    expect(await staffRouteAccess(patient, roleOf, STAFF)).toMatchObject({ ok: false, status: 403 });
    expect(roleOf).not.toHaveBeenCalled();
  });

  it('refuses a staff member deactivated since signing in with 401', async () => {
    expect(await staffRouteAccess(staff, roleIs('inactive'), STAFF)).toMatchObject({ ok: false, status: 401, message: 'Su usuario ya no está activo. Ingrese nuevamente.' });
  });

  it('refuses a session whose password was changed since with 401, saying why', async () => {
    expect(await staffRouteAccess(staff, roleIs('password_changed'), STAFF)).toMatchObject({
      ok: false,
      status: 401,
      message: 'La contraseña de su usuario fue cambiada. Ingrese nuevamente.',
    });
  });

  it('goes by the role as it is now, not as the cookie says', async () => {
    const roleOf = roleIs('reception');
    expect(await staffRouteAccess(staff, roleOf, ['admin'])).toMatchObject({ ok: false, status: 403 });
    expect(roleOf).toHaveBeenCalledWith(staff);
    expect(await staffRouteAccess(staff, roleOf, STAFF)).toEqual({ ok: true, staff: { ...staff, role: 'reception' } });
  });
});
