import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButton } from '@/components/admin/catalog/action-button';
import { CatalogPage, ListNotes, Row, SavedNotice, SearchBox, Section, WebStatus, searchTerm, splitByActive } from '@/components/admin/catalog/list-parts';
import { plainButton } from '@/components/admin/catalog/styles';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { setSpecialtyWebEnabledAction } from '@/lib/catalog/actions';
import { listSpecialtiesForAdmin } from '@/lib/catalog/admin-queries';

export const metadata: Metadata = { title: 'Especialidades activadas para Turnos Web' };

const BASE = '/admin/turnos-web/especialidades';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function WebSpecialtiesPage({ searchParams }: Props) {
  await requireStaff('admin');
  const params = await searchParams;
  const q = searchTerm(params);
  const { shown, active, inactive, capped } = splitByActive(await listSpecialtiesForAdmin(getDb(), { q }));

  const row = (s: (typeof shown)[number]) => (
    <Row
      key={s.id}
      title={s.name}
      actions={
        <>
          {s.active && (
            <ActionButton action={setSpecialtyWebEnabledAction} input={{ id: s.id, on: !s.webEnabled }} label="MODIFICAR ACTIVACION" context={s.name} tone="primary" />
          )}
          <Link href={`${BASE}/${s.id}`} className={plainButton}>
            Nombre para la Web<span className="sr-only"> de {s.name}</span>
          </Link>
        </>
      }
    >
      {s.active && <WebStatus on={s.webEnabled} feminine />}
      <p className="text-sm">Nombre para la Web: {s.webName || <span className="text-slate-600">(el mismo)</span>}</p>
      <p className="text-sm text-slate-700">{s.professionals === 1 ? '1 profesional' : `${s.professionals} profesionales`}</p>
    </Row>
  );

  return (
    <CatalogPage
      title="Especialidades activadas para Turnos Web"
      intro={
        <>
          <p>
            Decida con qué Especialidades pueden otorgarse turnos los Pacientes: posiciónese sobre cada una y oprima{' '}
            <strong>MODIFICAR ACTIVACION</strong>. En la Web solo aparecen las que además tienen algún Profesional activado.
          </p>
          <p>
            Para crear o renombrar especialidades vaya a{' '}
            <Link href="/admin/sistema/especialidades" className="text-brand-700 underline">
              Sistema → Especialidades
            </Link>
            .
          </p>
        </>
      }
    >
      <SavedNotice show={params.guardado === '1'} />
      <SearchBox action={BASE} q={q} label="Buscar especialidad" />
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
