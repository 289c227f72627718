import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { SpecialtyForm } from '@/components/admin/catalog/specialty-form';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { saveSpecialtyAction } from '@/lib/catalog/actions';
import { getSpecialty, parseId } from '@/lib/catalog/admin-queries';

export const metadata: Metadata = { title: 'Renombrar Especialidad' };

export default async function RenameSpecialtyPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff('admin');
  const id = parseId((await params).id);
  const specialty = id && (await getSpecialty(getDb(), id));
  if (!specialty) notFound();
  return (
    <CatalogPage title={`Renombrar Especialidad: ${specialty.name}`} intro={!specialty.active && <p>Esta especialidad está dada de baja.</p>}>
      <SpecialtyForm defaults={{ id: specialty.id, name: specialty.name }} save={saveSpecialtyAction} backHref="/admin/sistema/especialidades" />
    </CatalogPage>
  );
}
