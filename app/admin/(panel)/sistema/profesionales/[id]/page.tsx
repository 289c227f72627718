import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { ProfessionalForm } from '@/components/admin/catalog/professional-form';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { saveProfessionalAction } from '@/lib/catalog/actions';
import { getProfessional, listSpecialtyOptions, parseId } from '@/lib/catalog/admin-queries';

export const metadata: Metadata = { title: 'Modificar Profesional' };

export default async function EditProfessionalPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff('admin');
  const id = parseId((await params).id);
  const db = getDb();
  const pro = id && (await getProfessional(db, id));
  if (!pro) notFound();
  const specialties = await listSpecialtyOptions(db);
  const { lastName, firstName, license, email, specialtyIds } = pro;
  return (
    <CatalogPage title={`Modificar Profesional: ${lastName} ${firstName}`} intro={!pro.active && <p>Este profesional está dado de baja.</p>}>
      <ProfessionalForm
        defaults={{ id: pro.id, lastName, firstName, license, email, specialtyIds }}
        specialties={specialties}
        save={saveProfessionalAction}
        backHref="/admin/sistema/profesionales"
      />
    </CatalogPage>
  );
}
