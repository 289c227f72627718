import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { InsurerForm } from '@/components/admin/catalog/insurer-form';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { saveInsurerAction } from '@/lib/catalog/actions';
import { getInsurer, parseId } from '@/lib/catalog/admin-queries';

export const metadata: Metadata = { title: 'Modificar Obra Social' };

export default async function EditInsurerPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff('admin');
  const id = parseId((await params).id);
  const insurer = id && (await getInsurer(getDb(), id));
  if (!insurer) notFound();
  const { name, webName, generalMessage, bookingMessage } = insurer;
  return (
    <CatalogPage title={`Modificar Obra Social: ${name}`} intro={!insurer.active && <p>Esta obra social está dada de baja.</p>}>
      <InsurerForm
        defaults={{ id: insurer.id, name, webName, generalMessage, bookingMessage }}
        save={saveInsurerAction}
        backHref="/admin/turnos-web/obras-sociales"
      />
    </CatalogPage>
  );
}
