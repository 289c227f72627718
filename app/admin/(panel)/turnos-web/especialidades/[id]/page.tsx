import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { SpecialtyWebForm } from '@/components/admin/catalog/specialty-form';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { saveSpecialtyWebNameAction } from '@/lib/catalog/actions';
import { getSpecialty, parseId } from '@/lib/catalog/admin-queries';

export const metadata: Metadata = { title: 'Nombre para la Web' };

export default async function SpecialtyWebNamePage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff('admin');
  const id = parseId((await params).id);
  const specialty = id && (await getSpecialty(getDb(), id));
  if (!specialty) notFound();
  return (
    <CatalogPage title={`Nombre para la Web: ${specialty.name}`}>
      <SpecialtyWebForm
        defaults={{ id: specialty.id, webName: specialty.webName }}
        internalName={specialty.name}
        save={saveSpecialtyWebNameAction}
        backHref="/admin/turnos-web/especialidades"
      />
    </CatalogPage>
  );
}
