import type { Metadata } from 'next';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { StaffUserForm } from '@/components/admin/staff-user-form';
import { requireStaff } from '@/lib/auth/session';
import { createStaffUserAction } from '@/lib/staff/actions';

export const metadata: Metadata = { title: 'Usuario nuevo' };

export default async function NewStaffUserPage() {
  await requireStaff('admin');
  return (
    <CatalogPage title="Usuario nuevo">
      <StaffUserForm
        editing={false}
        defaults={{ username: '', fullName: '', role: 'reception', password: '' }}
        save={createStaffUserAction}
        backHref="/admin/sistema/usuarios"
      />
    </CatalogPage>
  );
}
