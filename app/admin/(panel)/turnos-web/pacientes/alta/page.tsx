import type { Metadata } from 'next';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { WebPatientCreateForm } from '@/components/admin/web-patient-forms';
import { requireStaff } from '@/lib/auth/session';
import { createWebPatientAction } from '@/lib/web-patients/actions';

export const metadata: Metadata = { title: 'Alta en web' };

export default async function NewWebPatientPage() {
  await requireStaff();
  return (
    <CatalogPage title="ALTA EN WEB" intro={<p>Un usuario web para un paciente del centro (por su DNI) o uno nuevo. Queda activado con la contraseña que elija.</p>}>
      <WebPatientCreateForm save={createWebPatientAction} backHref="/admin/turnos-web/pacientes" />
    </CatalogPage>
  );
}
