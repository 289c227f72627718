import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButton } from '@/components/admin/catalog/action-button';
import { CatalogPage, Row, SavedNotice, Section } from '@/components/admin/catalog/list-parts';
import { plainButton, primaryButton } from '@/components/admin/catalog/styles';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { setTemplateActiveAction } from '@/lib/reminders/actions';
import { listTemplates, type TemplateRow } from '@/lib/reminders/templates';

export const metadata: Metadata = { title: 'Plantillas' };

const BASE = '/admin/prestaciones/plantillas';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** PRESTACIONES → MODULO DE ENVIO DE MAILS/SMS → CONFIGURACION → PLANTILLAS. */
export default async function TemplatesPage({ searchParams }: Props) {
  await requireStaff('admin');
  const params = await searchParams;
  const rows = await listTemplates(getDb());
  const kind = (channel: TemplateRow['channel']) => (channel === 'email' ? 'Email' : 'SMS');

  const row = (t: TemplateRow) => (
    <Row
      key={t.id}
      title={t.title}
      actions={
        <>
          <Link href={`${BASE}/${t.id}`} className={plainButton}>
            Modificar<span className="sr-only"> {t.title}</span>
          </Link>
          {t.active ? (
            <ActionButton
              action={setTemplateActiveAction}
              input={{ id: t.id, on: false }}
              label="Desactivar"
              context={t.title}
              tone="danger"
              confirm={`¿Desactivar ${t.title}? No se ofrecerá para enviar.`}
            />
          ) : (
            <ActionButton action={setTemplateActiveAction} input={{ id: t.id, on: true }} label="Reactivar" context={t.title} />
          )}
        </>
      }
    >
      <p className="text-sm text-slate-700">
        Plantilla de {kind(t.channel)}
        {t.active ? '' : ' · desactivada'}
      </p>
      <p className="line-clamp-2 whitespace-pre-line text-sm text-slate-700">{t.body}</p>
    </Row>
  );

  const email = rows.filter((r) => r.channel === 'email');
  const sms = rows.filter((r) => r.channel === 'sms');
  return (
    <CatalogPage
      title="Plantillas"
      intro={
        <p>
          Los mensajes para enviar por Mail o SMS. Lo que va entre corchetes, como [[PACIENTE]], el Sistema lo completa con los
          datos de cada paciente.
        </p>
      }
    >
      <SavedNotice show={params.guardado === '1'} />
      <div className="flex flex-wrap gap-3">
        <Link href={`${BASE}/nueva/email`} className={primaryButton}>
          NUEVO EMAIL
        </Link>
        <Link href={`${BASE}/nueva/sms`} className={primaryButton}>
          NUEVO SMS
        </Link>
      </div>
      {rows.length === 0 && <p className="rounded-lg bg-white p-4 shadow-sm">Todavía no hay plantillas.</p>}
      <Section title="Plantillas de Email" count={email.length}>
        {email.map(row)}
      </Section>
      <Section title="Plantillas de SMS" count={sms.length}>
        {sms.map(row)}
      </Section>
    </CatalogPage>
  );
}
