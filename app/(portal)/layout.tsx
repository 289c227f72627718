import { IdleLock } from '@/components/auth/idle-lock';
import { SiteFooter } from '@/components/portal/site-footer';
import { SiteHeader, type PortalMenuItem } from '@/components/portal/site-header';
import { getSessionUser } from '@/lib/auth/session';
import { logout } from '@/lib/auth/actions';
import { getRequestCenterSettings, publicCenterInfo } from '@/lib/settings/queries';
import { orUnavailable } from '@/lib/server/unavailable';

export const dynamic = 'force-dynamic';

const patientMenu: PortalMenuItem[] = [
  { href: '/mis-turnos', label: 'Mis Turnos' },
  { href: '/tomar-turno', label: 'Tomar Turno' },
  { href: '/obras-sociales', label: 'Ver Obras Sociales / Prepagas' },
  { href: '/mis-datos', label: 'Mis Datos' },
  { href: '/ayuda', label: 'Ayuda' },
];

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  // The first database read of every portal page: an outage shows the Spanish 503 page, not a blank one.
  const [center, user] = await orUnavailable(() => Promise.all([getRequestCenterSettings().then(publicCenterInfo), getSessionUser()]), '/');
  const patientName = user?.kind === 'patient' ? user.name : null;
  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#contenido" className="sr-only focus:not-sr-only focus:p-2">
        Ir al contenido
      </a>
      <SiteHeader centerName={center.centerName} patientName={patientName} menu={patientMenu} logoutAction={logout} />
      <main id="contenido" className="mx-auto w-full max-w-3xl flex-1 px-4 py-6">
        {children}
      </main>
      <SiteFooter center={center} />
      {user?.kind === 'patient' && <IdleLock minutes={user.idleMinutes} />}
    </div>
  );
}
