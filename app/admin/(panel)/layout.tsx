import { AdminNav } from '@/components/admin/admin-nav';
import { IdleLock } from '@/components/auth/idle-lock';
import { logout } from '@/lib/auth/actions';
import { requireStaff } from '@/lib/auth/session';
import { orUnavailable } from '@/lib/server/unavailable';

export const dynamic = 'force-dynamic';

const roleLabel = { admin: 'Administrador', reception: 'Recepción' } as const;

/** Every staff page sits under this layout: it requires a signed-in, active staff user. */
export default async function StaffPanelLayout({ children }: { children: React.ReactNode }) {
  const user = await orUnavailable(() => requireStaff(), '/admin');
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-2 text-sm">
        <a href="#contenido-admin" className="sr-only focus:not-sr-only">
          Ir al contenido
        </a>
        <p className="mr-auto font-bold text-brand-800">Turnos · Personal</p>
        <p>
          Conectado como <strong>{user.name}</strong> ({roleLabel[user.role]})
        </p>
        <form action={logout}>
          <button type="submit" className="min-h-11 rounded-lg border border-slate-300 px-4 font-semibold hover:bg-slate-100">
            Salir
          </button>
        </form>
      </div>
      <AdminNav role={user.role} />
      <IdleLock minutes={user.idleMinutes} />
      <div id="contenido-admin">{children}</div>
    </>
  );
}
