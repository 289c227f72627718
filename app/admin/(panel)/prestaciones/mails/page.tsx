import type { Metadata } from 'next';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { MailSettingsForm } from '@/components/admin/reminders/mail-settings-form';
import { ProbePanel } from '@/components/admin/reminders/probe-panel';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { saveMailSettingsAction, testMailAction } from '@/lib/messaging/actions';
import { getMailSettingsView } from '@/lib/messaging/provider-settings';

export const metadata: Metadata = { title: 'Configurar envío de mails' };

/** PRESTACIONES → MODULO DE ENVIO DE MAILS → CONFIGURACION → CONFIGURAR ENVIO DE MAILS. */
export default async function MailSettingsPage() {
  await requireStaff('admin');
  const view = await getMailSettingsView(getDb());
  return (
    <CatalogPage
      title="Configurar envío de mails"
      intro={<p>Complete los datos según su proveedor de correo (como en Outlook o Thunderbird). A la derecha puede hacer una prueba.</p>}
    >
      <div className="grid gap-4 md:grid-cols-[1fr_20rem] md:items-start">
        <MailSettingsForm defaults={view.values} passwordStored={view.passwordStored} apiKeyStored={view.apiKeyStored} save={saveMailSettingsAction} />
        <ProbePanel kind="mail" probe={testMailAction} />
      </div>
    </CatalogPage>
  );
}
