import type { Metadata } from 'next';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { ProfessionalForm } from '@/components/admin/catalog/professional-form';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { saveProfessionalAction } from '@/lib/catalog/actions';
import { listSpecialtyOptions } from '@/lib/catalog/admin-queries';

export const metadata: Metadata = { title: 'Nuevo Profesional' };

export default async function NewProfessionalPage() {
  await requireStaff('admin');
  const specialties = await listSpecialtyOptions(getDb());
  return (
    <CatalogPage title="Nuevo Profesional" intro={<p>Queda desactivado para la Web hasta que lo active en TURNOS WEB → Profesionales activados.</p>}>
      <ProfessionalForm
        defaults={{ lastName: '', firstName: '', license: '', email: '', specialtyIds: [] }}
        specialties={specialties}
        save={saveProfessionalAction}
        backHref="/admin/sistema/profesionales"
      />
    </CatalogPage>
  );
}
