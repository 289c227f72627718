import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { plainButton } from '@/components/admin/catalog/styles';
import { PatientForm } from '@/components/admin/patient-form';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { parseId } from '@/lib/catalog/admin-queries';
import { listActiveInsurers } from '@/lib/catalog/insurer-options';
import { updatePatientAction } from '@/lib/patients/actions';
import { getPatientForStaff } from '@/lib/patients/patients';

export const metadata: Metadata = { title: 'Modificar paciente' };

export default async function EditPatientPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff();
  const id = parseId((await params).id);
  const db = getDb();
  const patient = id === null ? null : await getPatientForStaff(db, id);
  if (id === null || !patient) notFound();
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
      {staff.role === 'admin' && (
        // Plain links, not <Link>: a prefetch would run (and audit) an export nobody asked for.
        <section aria-labelledby="export-heading" className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
          <h2 id="export-heading" className="text-lg font-semibold">
            Datos personales (Ley 25.326)
          </h2>
          <p className="text-sm text-slate-700">
            Todo lo que el centro guarda de este paciente: datos, usuario web, turnos con su historial, mails y SMS enviados y
            registro de auditoría. Queda registrado quién lo exportó.
          </p>
          <div className="flex flex-wrap gap-2">
            <a href={`/admin/sistema/pacientes/${id}/exportar`} download className={plainButton}>
              Exportar datos del paciente
            </a>
            <a href={`/admin/sistema/pacientes/${id}/exportar?formato=html`} target="_blank" rel="noopener" className={plainButton}>
              Versión imprimible<span className="sr-only"> (se abre en otra pestaña)</span>
            </a>
          </div>
        </section>
      )}
    </CatalogPage>
  );
}
