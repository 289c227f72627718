import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { TemplateForm } from '@/components/admin/reminders/template-form';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { previewEmailTemplateAction, saveTemplateAction } from '@/lib/reminders/actions';
import { centerValues } from '@/lib/reminders/email';
import { getCenterSettings } from '@/lib/settings/queries';

export const metadata: Metadata = { title: 'Nueva Plantilla' };

export default async function NewTemplatePage({ params }: { params: Promise<{ canal: string }> }) {
  await requireStaff('admin');
  const { canal } = await params;
  if (canal !== 'email' && canal !== 'sms') notFound();
  const center = await getCenterSettings(getDb());
  return (
    <CatalogPage title={canal === 'email' ? 'NUEVO EMAIL' : 'NUEVO SMS'}>
      <TemplateForm
        defaults={{ channel: canal, title: '', body: '' }}
        save={saveTemplateAction}
        preview={previewEmailTemplateAction}
        known={centerValues(center)}
        backHref="/admin/prestaciones/plantillas"
      />
    </CatalogPage>
  );
}
