import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButton } from '@/components/admin/catalog/action-button';
import { CatalogPage, ListNotes, MessagePreview, Row, SavedNotice, SearchBox, Section, WebStatus, searchTerm, splitByActive } from '@/components/admin/catalog/list-parts';
import { plainButton } from '@/components/admin/catalog/styles';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { setProfessionalWebEnabledAction } from '@/lib/catalog/actions';
import { listProfessionalsForAdmin } from '@/lib/catalog/admin-queries';

export const metadata: Metadata = { title: 'Profesionales activados para Turnos Web' };

const BASE = '/admin/turnos-web/profesionales';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function WebProfessionalsPage({ searchParams }: Props) {
  await requireStaff('admin');
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
          <>
            {p.active && (
              <ActionButton action={setProfessionalWebEnabledAction} input={{ id: p.id, on: !p.webEnabled }} label="MODIFICAR ACTIVACION" context={name} tone="primary" />
            )}
            <Link href={`${BASE}/${p.id}`} className={plainButton}>
              Mensajes y Días<span className="sr-only"> de {name}</span>
            </Link>
            <Link href={`${BASE}/${p.id}/estudios`} className={plainButton}>
              ESTUDIOS<span className="sr-only"> de {name}</span>
            </Link>
          </>
        }
      >
        {p.active && <WebStatus on={p.webEnabled} />}
        <p className="text-sm text-slate-700">
          {p.specialties.length ? p.specialties.join(', ') : 'Sin especialidad'} · {p.studies === 1 ? '1 estudio' : `${p.studies} estudios`} · Días
          Máximos: {p.maxDaysAhead}
        </p>
        <MessagePreview label="Mensaje General" text={p.generalMessage} />
        <MessagePreview label="Mensaje p/ Turnos" text={p.bookingMessage} />
      </Row>
    );
  };

  return (
    <CatalogPage
      title="Profesionales activados para Turnos Web"
      intro={
        <>
          <p>
            Decida con qué Profesionales pueden otorgarse turnos los Pacientes: posiciónese sobre cada uno y oprima{' '}
            <strong>MODIFICAR ACTIVACION</strong>. Con <strong>ESTUDIOS</strong> indica qué Estudios realiza cada uno. Debajo se ven los
            dados de baja.
          </p>
          <p>
            Para dar de alta o de baja profesionales vaya a{' '}
            <Link href="/admin/sistema/profesionales" className="text-brand-700 underline">
              Sistema → Profesionales
            </Link>
            .
          </p>
        </>
      }
    >
      <SavedNotice show={params.guardado === '1'} />
      <SearchBox action={BASE} q={q} label="Buscar profesional (apellido, nombre o matrícula)" />
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
