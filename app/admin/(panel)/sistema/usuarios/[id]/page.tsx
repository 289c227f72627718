import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { StaffUserForm } from '@/components/admin/staff-user-form';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { updateStaffUserAction } from '@/lib/staff/actions';
import { listStaffUsers } from '@/lib/staff/users';

export const metadata: Metadata = { title: 'Modificar usuario' };

export default async function EditStaffUserPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff('admin');
  const id = Number((await params).id);
  const user = (await listStaffUsers(getDb())).find((u) => u.id === id);
  if (!user) notFound();
  const save = async (input: unknown) => {
    'use server';
    return updateStaffUserAction({ ...(input as object), id });
  };
  return (
    <CatalogPage title={`Modificar usuario ${user.username}`}>
      <StaffUserForm
        editing
        defaults={{ username: user.username, fullName: user.fullName, role: user.role, password: '' }}
        save={save}
        backHref="/admin/sistema/usuarios"
      />
    </CatalogPage>
  );
}
