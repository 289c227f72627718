import type { Metadata } from 'next';
import { InsurerForm } from '@/components/admin/catalog/insurer-form';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { requireStaff } from '@/lib/auth/session';
import { saveInsurerAction } from '@/lib/catalog/actions';

export const metadata: Metadata = { title: 'Nueva Obra Social' };

export default async function NewInsurerPage() {
  await requireStaff('admin');
  return (
    <CatalogPage title="Nueva Obra Social" intro={<p>Queda desactivada para la Web hasta que oprima MODIFICAR ACTIVACION.</p>}>
      <InsurerForm
        defaults={{ name: '', webName: '', generalMessage: '', bookingMessage: '' }}
        save={saveInsurerAction}
        backHref="/admin/turnos-web/obras-sociales"
      />
    </CatalogPage>
  );
}
