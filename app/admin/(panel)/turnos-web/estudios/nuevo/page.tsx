import type { Metadata } from 'next';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { StudyForm } from '@/components/admin/catalog/study-form';
import { requireStaff } from '@/lib/auth/session';
import { saveStudyAction } from '@/lib/catalog/actions';

export const metadata: Metadata = { title: 'Nuevo Estudio' };

export default async function NewStudyPage() {
  await requireStaff('admin');
  return (
    <CatalogPage title="Nuevo Estudio">
      <StudyForm defaults={{ name: '', indication: '' }} save={saveStudyAction} backHref="/admin/turnos-web/estudios" />
    </CatalogPage>
  );
}
