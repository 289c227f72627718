import type { Metadata } from 'next';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { SpecialtyForm } from '@/components/admin/catalog/specialty-form';
import { requireStaff } from '@/lib/auth/session';
import { saveSpecialtyAction } from '@/lib/catalog/actions';

export const metadata: Metadata = { title: 'Nueva Especialidad' };

export default async function NewSpecialtyPage() {
  await requireStaff('admin');
  return (
    <CatalogPage title="Nueva Especialidad" intro={<p>Queda desactivada para la Web hasta que la active en TURNOS WEB → Especialidades activadas.</p>}>
      <SpecialtyForm defaults={{ name: '' }} save={saveSpecialtyAction} backHref="/admin/sistema/especialidades" />
    </CatalogPage>
  );
}
