import Link from 'next/link';
import type { StaffRole } from '@/lib/auth/session-claims';

type Item = { href: string; label: string; roles?: readonly StaffRole[] };
type Group = { title: string; items: Item[] };

const ADMIN_ONLY = ['admin'] as const;

/** The staff menu, grouped like the manual's: TURNOS WEB, the underlying system, PRESTACIONES. */
export const ADMIN_MENU: Group[] = [
  {
    title: 'Turnos',
    items: [
      { href: '/admin', label: 'Turnos del día' },
      { href: '/admin/turnos', label: 'Pantalla de Turnos' },
    ],
  },
  {
    title: 'Agendas',
    // Admins and reception alike: reception hears first that a professional will be away.
    items: [
      { href: '/admin/agendas', label: 'Horarios de atención' },
      { href: '/admin/feriados', label: 'Feriados y ausencias' },
    ],
  },
  {
    title: 'Turnos Web',
    items: [
      { href: '/admin/turnos-web/configuracion', label: 'Configuración básica', roles: ADMIN_ONLY },
      { href: '/admin/turnos-web/obras-sociales', label: 'Obras Sociales activadas', roles: ADMIN_ONLY },
      { href: '/admin/turnos-web/profesionales', label: 'Profesionales activados', roles: ADMIN_ONLY },
      { href: '/admin/turnos-web/especialidades', label: 'Especialidades activadas', roles: ADMIN_ONLY },
      { href: '/admin/turnos-web/estudios', label: 'ABM Estudios', roles: ADMIN_ONLY },
      { href: '/admin/turnos-web/pacientes', label: 'Pacientes web' },
      { href: '/admin/turnos-web/listado', label: 'Listado de Turnos Web' },
    ],
  },
  {
    title: 'Sistema',
    // Reception may read the base catalogues; only admins see the buttons that change them.
    items: [
      { href: '/admin/sistema/profesionales', label: 'Profesionales' },
      { href: '/admin/sistema/especialidades', label: 'Especialidades' },
      { href: '/admin/sistema/pacientes', label: 'Pacientes' },
      { href: '/admin/sistema/usuarios', label: 'Usuarios', roles: ADMIN_ONLY },
      { href: '/admin/sistema/auditoria', label: 'Auditoría', roles: ADMIN_ONLY },
    ],
  },
  {
    title: 'Prestaciones',
    // MODULO DE ENVIO DE MAILS/SMS → CONFIGURACION.
    items: [
      { href: '/admin/prestaciones/mails', label: 'Configurar envío de mails', roles: ADMIN_ONLY },
      { href: '/admin/prestaciones/sms', label: 'Configurar envío de SMS', roles: ADMIN_ONLY },
      { href: '/admin/prestaciones/plantillas', label: 'Plantillas', roles: ADMIN_ONLY },
      { href: '/admin/prestaciones/recordatorios', label: 'Recordatorios automáticos', roles: ADMIN_ONLY },
      // Reception prepares the weekly sends too (manual: "una o dos veces por semana").
      { href: '/admin/prestaciones/enviar', label: 'Enviar mail/SMS' },
      { href: '/admin/prestaciones/registro', label: 'Registro de envíos', roles: ADMIN_ONLY },
    ],
  },
];

export function AdminNav({ role }: { role: StaffRole }) {
  return (
    <nav aria-label="Menú del personal" className="border-b border-slate-200 bg-brand-800 text-white">
      <ul className="mx-auto flex max-w-6xl flex-wrap gap-x-6 gap-y-1 px-4 py-2 text-sm">
        {ADMIN_MENU.map((group) => {
          const items = group.items.filter((i) => !i.roles || i.roles.includes(role));
          if (items.length === 0) return null;
          return (
            <li key={group.title} className="flex flex-wrap items-center gap-1">
              <span className="mr-1 font-semibold uppercase tracking-wide text-brand-100">{group.title}:</span>
              <ul className="flex flex-wrap gap-1">
                {items.map((item) => (
                  <li key={item.href}>
                    <Link href={item.href} className="inline-block rounded px-2 py-2 hover:bg-brand-600">
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
