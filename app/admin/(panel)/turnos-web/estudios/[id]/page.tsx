import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { StudyForm } from '@/components/admin/catalog/study-form';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { saveStudyAction } from '@/lib/catalog/actions';
import { getStudy, parseId } from '@/lib/catalog/admin-queries';

export const metadata: Metadata = { title: 'Modificar Estudio' };

export default async function EditStudyPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff('admin');
  const id = parseId((await params).id);
  const study = id && (await getStudy(getDb(), id));
  if (!study) notFound();
  return (
    <CatalogPage title={`Modificar Estudio: ${study.name}`} intro={!study.active && <p>Este estudio está dado de baja.</p>}>
      <StudyForm
        defaults={{ id: study.id, name: study.name, indication: study.indication }}
        save={saveStudyAction}
        backHref="/admin/turnos-web/estudios"
      />
    </CatalogPage>
  );
}
