import type { Metadata } from 'next';
import Link from 'next/link';
import { CatalogPage, Row, SavedNotice, SearchBox, searchTerm } from '@/components/admin/catalog/list-parts';
import { plainButton } from '@/components/admin/catalog/styles';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { listPatientsForStaff } from '@/lib/patients/patients';

export const metadata: Metadata = { title: 'Pacientes' };
const BASE = '/admin/sistema/pacientes';

/** Sistema → Pacientes: search by DNI or name, create, correct. */
export default async function PatientsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff();
  const params = await searchParams;
  const q = searchTerm(params);
  const rows = await listPatientsForStaff(getDb(), q);
  return (
    <CatalogPage title="Pacientes" intro={<p>Sin búsqueda se ven los últimos cargados. Busque por DNI (o su comienzo), apellido o e-mail.</p>}>
      <SavedNotice show={params.guardado === '1'} />
      <SearchBox action={BASE} q={q} label="Buscar paciente" newHref={`${BASE}/nuevo`} />
      {rows.length === 0 && <p className="rounded-lg bg-white p-4 shadow-sm">No hay pacientes que coincidan.</p>}
      <ul className="space-y-3" aria-label="Pacientes">
        {rows.map((p) => (
          <Row
            key={p.id}
            title={`${p.name} · DNI ${p.dni}`}
            actions={
              <Link href={`${BASE}/${p.id}`} className={plainButton}>
                Modificar<span className="sr-only"> {p.name}</span>
              </Link>
            }
          >
            <p className="text-sm text-slate-700">{[p.insurer, p.mobile && `Cel. ${p.mobile}`, p.email].filter(Boolean).join(' · ') || 'Sin datos de contacto'}</p>
          </Row>
        ))}
      </ul>
    </CatalogPage>
  );
}
