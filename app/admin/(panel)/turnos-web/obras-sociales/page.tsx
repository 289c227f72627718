import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButton } from '@/components/admin/catalog/action-button';
import { CatalogPage, ListNotes, MessagePreview, Row, SavedNotice, SearchBox, Section, WebStatus, searchTerm, splitByActive } from '@/components/admin/catalog/list-parts';
import { plainButton } from '@/components/admin/catalog/styles';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { setInsurerActiveAction, setInsurerWebEnabledAction } from '@/lib/catalog/actions';
import { listInsurersForAdmin } from '@/lib/catalog/admin-queries';

export const metadata: Metadata = { title: 'Obras Sociales activadas para Turnos Web' };

const BASE = '/admin/turnos-web/obras-sociales';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function WebInsurersPage({ searchParams }: Props) {
  await requireStaff('admin');
  const params = await searchParams;
  const q = searchTerm(params);
  const { shown, active, inactive, capped } = splitByActive(await listInsurersForAdmin(getDb(), { q }));

  const row = (i: (typeof shown)[number]) => (
    <Row
      key={i.id}
      title={i.name}
      actions={
        <>
          {i.active && (
            <ActionButton action={setInsurerWebEnabledAction} input={{ id: i.id, on: !i.webEnabled }} label="MODIFICAR ACTIVACION" context={i.name} tone="primary" />
          )}
          <Link href={`${BASE}/${i.id}`} className={plainButton}>
            Modificar<span className="sr-only"> {i.name}</span>
          </Link>
          {i.active ? (
            <ActionButton action={setInsurerActiveAction} input={{ id: i.id, on: false }} label="Dar de baja" context={i.name} tone="danger" confirm={`¿Dar de baja ${i.name}? No se ofrecerá en ningún lado.`} />
          ) : (
            <ActionButton action={setInsurerActiveAction} input={{ id: i.id, on: true }} label="Reactivar" context={i.name} />
          )}
        </>
      }
    >
      {i.active && <WebStatus on={i.webEnabled} feminine />}
      {i.webName && i.webName !== i.name && <p className="text-sm">Nombre para la Web: {i.webName}</p>}
      <MessagePreview label="Mensaje General" text={i.generalMessage} />
      <MessagePreview label="Mensaje p/ Turnos" text={i.bookingMessage} />
    </Row>
  );

  return (
    <CatalogPage
      title="Obras Sociales activadas para Turnos Web"
      intro={
        <p>
          Decida si los Pacientes de cada Obra Social / Prepaga pueden otorgarse turnos por la Web: posiciónese sobre cada una y oprima{' '}
          <strong>MODIFICAR ACTIVACION</strong>. Debajo se ven las dadas de baja.
        </p>
      }
    >
      <SavedNotice show={params.guardado === '1'} />
      <SearchBox action={BASE} q={q} label="Buscar obra social" newHref={`${BASE}/nuevo`} />
      <ListNotes capped={capped} q={q} total={shown.length} noun="obras sociales" />
      <Section title="Obras Sociales" count={active.length}>
        {active.map(row)}
      </Section>
      <Section title="Dadas de baja" count={inactive.length}>
        {inactive.map(row)}
      </Section>
    </CatalogPage>
  );
}
