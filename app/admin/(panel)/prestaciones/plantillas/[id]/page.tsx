import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { TemplateForm } from '@/components/admin/reminders/template-form';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { parseId } from '@/lib/catalog/admin-queries';
import { previewEmailTemplateAction, saveTemplateAction } from '@/lib/reminders/actions';
import { centerValues } from '@/lib/reminders/email';
import { getTemplate } from '@/lib/reminders/templates';
import { getCenterSettings } from '@/lib/settings/queries';

export const metadata: Metadata = { title: 'Modificar Plantilla' };

export default async function EditTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff('admin');
  const id = parseId((await params).id);
  const db = getDb();
  const template = id && (await getTemplate(db, id));
  if (!template) notFound();
  const center = await getCenterSettings(db);
  return (
    <CatalogPage
      title={`Modificar Plantilla de ${template.channel === 'email' ? 'Email' : 'SMS'}: ${template.title}`}
      intro={!template.active && <p>Esta plantilla está desactivada: no se ofrece para enviar.</p>}
    >
      <TemplateForm
        defaults={{ id: template.id, channel: template.channel, title: template.title, body: template.body }}
        save={saveTemplateAction}
        preview={previewEmailTemplateAction}
        known={centerValues(center)}
        backHref="/admin/prestaciones/plantillas"
      />
    </CatalogPage>
  );
}
