import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButton } from '@/components/admin/catalog/action-button';
import { CatalogPage, ListNotes, Row, SavedNotice, SearchBox, Section, searchTerm, splitByActive } from '@/components/admin/catalog/list-parts';
import { plainButton } from '@/components/admin/catalog/styles';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { setSpecialtyActiveAction } from '@/lib/catalog/actions';
import { listSpecialtiesForAdmin } from '@/lib/catalog/admin-queries';

export const metadata: Metadata = { title: 'Especialidades' };

const BASE = '/admin/sistema/especialidades';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Sistema → Especialidades: every staff member may read it; only admins change it. */
export default async function SpecialtiesPage({ searchParams }: Props) {
  const staff = await requireStaff();
  const canEdit = staff.role === 'admin';
  const params = await searchParams;
  const q = searchTerm(params);
  const { shown, active, inactive, capped } = splitByActive(await listSpecialtiesForAdmin(getDb(), { q }));

  const row = (s: (typeof shown)[number]) => (
    <Row
      key={s.id}
      title={s.name}
      actions={
        canEdit && (
          <>
            <Link href={`${BASE}/${s.id}`} className={plainButton}>
              Renombrar<span className="sr-only"> {s.name}</span>
            </Link>
            {s.active ? (
              <ActionButton
                action={setSpecialtyActiveAction}
                input={{ id: s.id, on: false }}
                label="Dar de baja"
                context={s.name}
                tone="danger"
                confirm={`¿Dar de baja ${s.name}? No se ofrecerá más.`}
              />
            ) : (
              <ActionButton action={setSpecialtyActiveAction} input={{ id: s.id, on: true }} label="Reactivar" context={s.name} />
            )}
          </>
        )
      }
    >
      <p className="text-sm text-slate-700">{s.professionals === 1 ? '1 profesional' : `${s.professionals} profesionales`}</p>
    </Row>
  );

  return (
    <CatalogPage
      title="Especialidades"
      intro={
        <p>
          Las especialidades del Centro. Cuáles se ofrecen en la Web, y con qué nombre, se decide en{' '}
          <Link href="/admin/turnos-web/especialidades" className="text-brand-700 underline">
            TURNOS WEB → Especialidades activadas
          </Link>
          .
        </p>
      }
    >
      <SavedNotice show={params.guardado === '1'} />
      <SearchBox action={BASE} q={q} label="Buscar especialidad" newHref={canEdit ? `${BASE}/nuevo` : undefined} />
      <ListNotes capped={capped} q={q} total={shown.length} noun="especialidades" />
      <Section title="Especialidades" count={active.length}>
        {active.map(row)}
      </Section>
      <Section title="Dadas de baja" count={inactive.length}>
        {inactive.map(row)}
      </Section>
    </CatalogPage>
  );
}
