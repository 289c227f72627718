import type { Metadata } from 'next';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { PatientForm } from '@/components/admin/patient-form';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { listActiveInsurers } from '@/lib/catalog/insurer-options';
import { createPatientAction } from '@/lib/patients/actions';
import { EMPTY_PATIENT } from '@/lib/patients/schemas';

export const metadata: Metadata = { title: 'Paciente nuevo' };

export default async function NewPatientPage() {
  await requireStaff();
  return (
    <CatalogPage title="Paciente nuevo">
      <PatientForm defaults={EMPTY_PATIENT} insurers={await listActiveInsurers(getDb())} save={createPatientAction} backHref="/admin/sistema/pacientes" />
    </CatalogPage>
  );
}
