import type { Metadata } from 'next';
import { asc, eq } from 'drizzle-orm';
import { ActionButton } from '@/components/admin/catalog/action-button';
import { CatalogPage, Row, SavedNotice, Section } from '@/components/admin/catalog/list-parts';
import { ReminderRuleForm } from '@/components/admin/reminders/reminder-rule-form';
import { getDb } from '@/db/client';
import { messageTemplates } from '@/db/schema';
import { requireStaff } from '@/lib/auth/session';
import { createReminderRuleAction, setReminderRuleActiveAction } from '@/lib/reminders/actions';
import { listReminderRules } from '@/lib/reminders/rules';

export const metadata: Metadata = { title: 'Recordatorios automáticos' };
const BASE = '/admin/prestaciones/recordatorios';

/** Automatic reminders, sent by the worker: each turno once per rule, visible in the Registro de envíos. */
export default async function ReminderRulesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff('admin');
  const db = getDb();
  const [rules, templates] = await Promise.all([
    listReminderRules(db),
    db
      .select({ id: messageTemplates.id, title: messageTemplates.title, channel: messageTemplates.channel })
      .from(messageTemplates)
      .where(eq(messageTemplates.active, true))
      .orderBy(asc(messageTemplates.title)),
  ]);
  const saved = (await searchParams).guardado === '1';
  const row = (r: (typeof rules)[number]) => (
    <Row
      key={r.id}
      title={r.name}
      actions={
        r.active ? (
          <ActionButton action={setReminderRuleActiveAction} input={{ id: r.id, on: false }} label="Desactivar" context={r.name} tone="danger" confirm={`¿Desactivar "${r.name}"? No se enviarán más estos recordatorios.`} />
        ) : (
          <ActionButton action={setReminderRuleActiveAction} input={{ id: r.id, on: true }} label="Activar" context={r.name} />
        )
      }
    >
      <p className="text-sm text-slate-700">
        {r.hoursBefore} horas antes · {r.channel === 'email' ? 'Mail' : 'SMS'} · plantilla “{r.template}”{r.templateActive ? '' : ' (desactivada: no se envía)'}
      </p>
    </Row>
  );
  return (
    <CatalogPage
      title="Recordatorios automáticos"
      intro={
        <p>
          Además de los envíos por paquetes, el sistema puede recordar solo cada turno reservado. Cada turno recibe cada recordatorio una sola vez;
          los turnos cancelados y los pacientes que no quieren recordatorios quedan afuera. Los envíos se ven en el Registro de envíos.
        </p>
      }
    >
      <SavedNotice show={saved} />
      <Section title="Activas" count={rules.filter((r) => r.active).length}>
        {rules.filter((r) => r.active).map(row)}
      </Section>
      <Section title="Desactivadas" count={rules.filter((r) => !r.active).length}>
        {rules.filter((r) => !r.active).map(row)}
      </Section>
      {rules.length === 0 && <p className="rounded-lg bg-white p-4 shadow-sm">Todavía no hay recordatorios automáticos.</p>}
      <h2 className="text-lg font-semibold text-brand-800">Nueva regla</h2>
      <ReminderRuleForm templates={templates} save={createReminderRuleAction} backHref={BASE} />
    </CatalogPage>
  );
}
