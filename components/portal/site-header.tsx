import Link from 'next/link';

export interface PortalMenuItem {
  href: string;
  label: string;
}

/** The portal's top bar: center name, and for a signed-in patient who they are and the menu. */
export function SiteHeader({
  centerName,
  patientName,
  menu,
  logoutAction,
}: {
  centerName: string;
  patientName?: string | null;
  menu: PortalMenuItem[];
  logoutAction?: () => Promise<void>;
}) {
  return (
    <header className="bg-brand-700 text-white print:hidden">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-bold">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/logo.svg" alt="" width={32} height={32} />
          <span>{centerName}</span>
        </Link>
        {patientName && <p className="text-sm">Conectado como <strong>{patientName}</strong></p>}
      </div>
      {patientName && (
        <nav aria-label="Menú del paciente" className="bg-brand-800">
          <ul className="mx-auto flex max-w-3xl flex-wrap gap-1 px-2 py-1 text-sm">
            {menu.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="inline-block rounded px-3 py-2 hover:bg-brand-600">
                  {item.label}
                </Link>
              </li>
            ))}
            {logoutAction && (
              <li>
                <form action={logoutAction}>
                  <button type="submit" className="rounded px-3 py-2 hover:bg-brand-600">
                    Salir
                  </button>
                </form>
              </li>
            )}
          </ul>
        </nav>
      )}
    </header>
  );
}
