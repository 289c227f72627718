import type { Metadata } from 'next';
import Link from 'next/link';
import { plainButton } from '@/components/admin/catalog/styles';
import { WebListingFilterForm } from '@/components/admin/web-listing-filters';
import { WebListingTable } from '@/components/admin/web-listing-table';
import { getDb } from '@/db/client';
import { listWebAppointments } from '@/lib/appointments/web-listing';
import { listWebListingChoices } from '@/lib/appointments/web-listing-choices';
import { WEB_LISTING_EXPORT_PATH, WEB_LISTING_PATH, parseWebListingQuery, webListingHref } from '@/lib/appointments/web-listing-params';
import { requireStaff } from '@/lib/auth/session';
import { getCenterSettings } from '@/lib/settings/queries';

export const metadata: Metadata = { title: 'Listado de Turnos dados por Sistema Web' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const count = (n: number) => n.toLocaleString('es-AR');

/** TURNOS WEB → Listado de Turnos dados por Sistema Web (manual: "LISTADO DE TURNOS OTORGADOS POR WEB"). */
export default async function WebListingPage({ searchParams }: Props) {
  await requireStaff(['admin', 'reception']);
  const query = parseWebListingQuery(await searchParams);
  const db = getDb();
  const { timeZone } = await getCenterSettings(db);
  const [page, choices] = await Promise.all([
    listWebAppointments(db, query.filters, query.page, { timeZone }),
    listWebListingChoices(db),
  ]);
  const { total } = page;
  const found = total.more ? `Más de ${count(total.count)} turnos` : total.count === 1 ? '1 turno' : `${count(total.count)} turnos`;
  const paged = Boolean(query.page.after || query.page.before);
  const link = 'inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 font-semibold hover:bg-slate-100';

  return (
    <main className="mx-auto max-w-7xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-bold text-brand-800">Listado de Turnos dados por Sistema Web</h1>
      <p className="text-slate-700">
        Los turnos que los pacientes se otorgaron por la Web. Filtre por FECHA DE OTORGAMIENTO, FECHA DEL TURNO, ESPECIALIDAD, PROFESIONAL u OBRA
        SOCIAL; para cancelar o borrar un turno, oprima <strong>CANCELAR EL TURNO</strong> o <strong>BORRAR EL TURNO</strong> en su fila.
      </p>
      <WebListingFilterForm action={WEB_LISTING_PATH} query={query} choices={choices} />
      <div className="flex flex-wrap items-center gap-3">
        <p role="status" className="mr-auto font-semibold">
          {found}
        </p>
        {total.count > 0 && (
          <>
            <a href={webListingHref(WEB_LISTING_EXPORT_PATH, query.filters, {}, { formato: 'csv' })} download className={plainButton}>
              Exportar CSV
            </a>
            <a href={webListingHref(WEB_LISTING_EXPORT_PATH, query.filters, {}, { formato: 'xlsx' })} download className={plainButton}>
              Exportar Excel (XLSX)
            </a>
          </>
        )}
      </div>
      {page.rows.length === 0 ? (
        <p className="rounded-lg bg-white p-4 shadow-sm">No hay turnos web que coincidan con los filtros.</p>
      ) : (
        <WebListingTable rows={page.rows} caption="Turnos otorgados por la Web" timeZone={timeZone} now={new Date()} />
      )}
      {(page.prev || page.next || paged) && (
        <nav aria-label="Páginas del listado" className="flex flex-wrap gap-2">
          {paged && (
            <Link className={link} href={webListingHref(WEB_LISTING_PATH, query.filters)}>
              « Primera página
            </Link>
          )}
          {page.prev && (
            <Link className={link} href={webListingHref(WEB_LISTING_PATH, query.filters, { before: page.prev })}>
              ‹ Anterior
            </Link>
          )}
          {page.next && (
            <Link className={link} href={webListingHref(WEB_LISTING_PATH, query.filters, { after: page.next })}>
              Siguiente ›
            </Link>
          )}
        </nav>
      )}
    </main>
  );
}
