import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButton } from '@/components/admin/catalog/action-button';
import { CatalogPage, ListNotes, MessagePreview, Row, SavedNotice, SearchBox, Section, searchTerm, splitByActive } from '@/components/admin/catalog/list-parts';
import { plainButton } from '@/components/admin/catalog/styles';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { setStudyActiveAction } from '@/lib/catalog/actions';
import { listStudiesForAdmin } from '@/lib/catalog/admin-queries';

export const metadata: Metadata = { title: 'ABM Estudios' };

const BASE = '/admin/turnos-web/estudios';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function StudiesPage({ searchParams }: Props) {
  await requireStaff('admin');
  const params = await searchParams;
  const q = searchTerm(params);
  const { shown, active, inactive, capped } = splitByActive(await listStudiesForAdmin(getDb(), { q }));

  const row = (s: (typeof shown)[number]) => (
    <Row
      key={s.id}
      title={s.name}
      actions={
        <>
          <Link href={`${BASE}/${s.id}`} className={plainButton}>
            Modificar<span className="sr-only"> {s.name}</span>
          </Link>
          {s.active ? (
            <ActionButton action={setStudyActiveAction} input={{ id: s.id, on: false }} label="Dar de baja" context={s.name} tone="danger" confirm={`¿Dar de baja ${s.name}? Dejará de ofrecerse en la Web.`} />
          ) : (
            <ActionButton action={setStudyActiveAction} input={{ id: s.id, on: true }} label="Reactivar" context={s.name} />
          )}
        </>
      }
    >
      <MessagePreview label="INDICACION" text={s.indication} />
      <p className="text-sm text-slate-700">
        {s.professionals === 1 ? '1 profesional lo realiza' : `${s.professionals} profesionales lo realizan`}
      </p>
    </Row>
  );

  return (
    <CatalogPage
      title="ABM Estudios"
      intro={
        <>
          <p>
            Cree con el botón <strong>NUEVO</strong> todos los Estudios que realizan los Profesionales con agenda Web, cada uno con su{' '}
            <strong>INDICACION</strong> (ejemplo: presentarse con 12 horas de ayuno). Si también realizan CONSULTA MEDICA, ingrésela como un Estudio.
          </p>
          <p>
            Luego, en <Link href="/admin/turnos-web/profesionales" className="text-brand-700 underline">Profesionales activados</Link>, oprima{' '}
            <strong>ESTUDIOS</strong> en cada Profesional para tildar los que realiza.
          </p>
        </>
      }
    >
      <SavedNotice show={params.guardado === '1'} />
      <SearchBox action={BASE} q={q} label="Buscar estudio" newHref={`${BASE}/nuevo`} />
      <ListNotes capped={capped} q={q} total={shown.length} noun="estudios" />
      <Section title="Estudios" count={active.length}>
        {active.map(row)}
      </Section>
      <Section title="Dados de baja" count={inactive.length}>
        {inactive.map(row)}
      </Section>
    </CatalogPage>
  );
}
