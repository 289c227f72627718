import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButton } from '@/components/admin/catalog/action-button';
import { CatalogPage, ListNotes, Row, SavedNotice, SearchBox, Section, searchTerm, splitByActive } from '@/components/admin/catalog/list-parts';
import { plainButton } from '@/components/admin/catalog/styles';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { setProfessionalActiveAction } from '@/lib/catalog/actions';
import { listProfessionalsForAdmin } from '@/lib/catalog/admin-queries';

export const metadata: Metadata = { title: 'Profesionales' };

const BASE = '/admin/sistema/profesionales';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Sistema → Profesionales: every staff member may read it; only admins change it. */
export default async function ProfessionalsPage({ searchParams }: Props) {
  const staff = await requireStaff();
  const canEdit = staff.role === 'admin';
  const params = await searchParams;
  const q = searchTerm(params);
  const { shown, active, inactive, capped } = splitByActive(await listProfessionalsForAdmin(getDb(), { q }));

  const row = (p: (typeof shown)[number]) => {
    const name = `${p.lastName} ${p.firstName}`;
    return (
      <Row
        key={p.id}
        title={name}
        actions={
          canEdit && (
            <>
              <Link href={`${BASE}/${p.id}`} className={plainButton}>
                Modificar<span className="sr-only"> {name}</span>
              </Link>
              {p.active ? (
                <ActionButton
                  action={setProfessionalActiveAction}
                  input={{ id: p.id, on: false }}
                  label="Dar de baja"
                  context={name}
                  tone="danger"
                  confirm={`¿Dar de baja a ${name}? Sus turnos quedan; no se ofrecerá más.`}
                />
              ) : (
                <ActionButton action={setProfessionalActiveAction} input={{ id: p.id, on: true }} label="Reactivar" context={name} />
              )}
            </>
          )
        }
      >
        <p className="text-sm text-slate-700">
          {p.license ? `Matrícula ${p.license}` : 'Sin matrícula'}
          {p.email ? ` · ${p.email}` : ''}
        </p>
        <p className="text-sm text-slate-700">{p.specialties.length ? p.specialties.join(', ') : 'Sin especialidad'}</p>
      </Row>
    );
  };

  return (
    <CatalogPage
      title="Profesionales"
      intro={
        <p>
          Los profesionales del Centro y sus especialidades. Qué se ofrece en la Web se decide en{' '}
          <Link href="/admin/turnos-web/profesionales" className="text-brand-700 underline">
            TURNOS WEB → Profesionales activados
          </Link>
          .
        </p>
      }
    >
      <SavedNotice show={params.guardado === '1'} />
      <SearchBox action={BASE} q={q} label="Buscar profesional (apellido, nombre o matrícula)" newHref={canEdit ? `${BASE}/nuevo` : undefined} />
      <ListNotes capped={capped} q={q} total={shown.length} noun="profesionales" />
      <Section title="Profesionales" count={active.length}>
        {active.map(row)}
      </Section>
      <Section title="Dados de baja" count={inactive.length}>
        {inactive.map(row)}
      </Section>
    </CatalogPage>
  );
}
