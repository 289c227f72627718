import type { Metadata } from 'next';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { ProbePanel } from '@/components/admin/reminders/probe-panel';
import { SmsSettingsForm } from '@/components/admin/reminders/sms-settings-form';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { saveSmsSettingsAction, smsBalanceAction, testSmsAction } from '@/lib/messaging/actions';
import { getSmsSettingsView } from '@/lib/messaging/provider-settings';

export const metadata: Metadata = { title: 'Configurar envío de SMS' };

/** PRESTACIONES → MODULO DE ENVIO DE MAILS → CONFIGURACION → CONFIGURAR ENVIO DE SMS. */
export default async function SmsSettingsPage() {
  await requireStaff('admin');
  const view = await getSmsSettingsView(getDb());
  return (
    <CatalogPage
      title="Configurar envío de SMS"
      intro={
        <>
          <p>
            Para enviar SMS contrate el servicio con la empresa SMS Masivos (
            <a href="http://smsmasivos.com.ar/" className="text-brand-700 underline" rel="noreferrer" target="_blank">
              smsmasivos.com.ar
            </a>
            ): le dará su usuario y clave. A la derecha puede hacer una prueba.
          </p>
          <p>IMPORTANTE: los números de celular se envían sin guiones ni espacios, con código de área sin 0 y sin 15.</p>
        </>
      }
    >
      <div className="grid gap-4 md:grid-cols-[1fr_20rem] md:items-start">
        <SmsSettingsForm defaults={view.values} passwordStored={view.passwordStored} apiKeyStored={view.apiKeyStored} save={saveSmsSettingsAction} />
        <ProbePanel kind="sms" probe={testSmsAction} balance={smsBalanceAction} />
      </div>
    </CatalogPage>
  );
}
