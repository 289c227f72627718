import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { PatientForm } from '@/components/admin/patient-form';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { listActiveInsurers } from '@/lib/catalog/insurer-options';
import { updatePatientAction } from '@/lib/patients/actions';
import { getPatientForStaff } from '@/lib/patients/patients';

export const metadata: Metadata = { title: 'Modificar paciente' };

export default async function EditPatientPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const id = Number((await params).id);
  const db = getDb();
  const patient = Number.isSafeInteger(id) ? await getPatientForStaff(db, id) : null;
  if (!patient) notFound();
  const save = async (values: unknown) => {
    'use server';
    return updatePatientAction({ id, values });
  };
  return (
    <CatalogPage title={`Modificar paciente ${patient.lastName} ${patient.firstName}`}>
      <PatientForm
        insurers={await listActiveInsurers(db)}
        save={save}
        backHref="/admin/sistema/pacientes"
        defaults={{
          dni: patient.dni,
          lastName: patient.lastName,
          firstName: patient.firstName,
          birthDate: patient.birthDate ?? '',
          phone: patient.phone,
          mobile: patient.mobile,
          email: patient.email,
          insurerId: patient.insurerId,
          memberNumber: patient.memberNumber,
        }}
      />
    </CatalogPage>
  );
}
