import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionButton } from '@/components/admin/catalog/action-button';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { WebPatientForm } from '@/components/admin/web-patient-forms';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { sendWebPatientLinkAction, updateWebPatientAction } from '@/lib/web-patients/actions';
import { getWebPatient } from '@/lib/web-patients/web-patients';
import { parseId } from '@/lib/validation/record-id';

export const metadata: Metadata = { title: 'Modificar paciente web' };

export default async function EditWebPatientPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const accountId = parseId((await params).id);
  const account = accountId === null ? null : await getWebPatient(getDb(), accountId);
  if (accountId === null || !account) notFound();
  const save = async (values: unknown) => {
    'use server';
    return updateWebPatientAction({ accountId, values });
  };
  return (
    <CatalogPage title={`MODIFICAR ACTIVACION/CONTRASEÑA · ${account.lastName} ${account.firstName}`}>
      <div className="flex flex-wrap gap-2">
        {!account.activatedAt && (
          <ActionButton action={sendWebPatientLinkAction} input={{ id: accountId, kind: 'activation' }} label="Reenviar mail de activación" context={account.lastName} />
        )}
        {account.activatedAt && (
          <ActionButton action={sendWebPatientLinkAction} input={{ id: accountId, kind: 'password_reset' }} label="Enviar enlace para nueva contraseña" context={account.lastName} />
        )}
      </div>
      <WebPatientForm
        save={save}
        backHref="/admin/turnos-web/pacientes"
        defaults={{
          dni: account.dni,
          email: account.email,
          password: '',
          activated: !!account.activatedAt,
          disabled: account.disabled,
          observation: account.observation,
        }}
      />
    </CatalogPage>
  );
}
