import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { ProfessionalWebForm } from '@/components/admin/catalog/professional-web-form';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { saveProfessionalWebAction } from '@/lib/catalog/actions';
import { getProfessional, parseId } from '@/lib/catalog/admin-queries';

export const metadata: Metadata = { title: 'Profesional: Turnos Web' };

export default async function ProfessionalWebPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff('admin');
  const id = parseId((await params).id);
  const pro = id && (await getProfessional(getDb(), id));
  if (!pro) notFound();
  return (
    <CatalogPage
      title={`${pro.lastName} ${pro.firstName}: Turnos Web`}
      intro={<p>Turnos Web: {pro.webEnabled ? 'ACTIVADO' : 'DESACTIVADO'}{pro.active ? '' : ' · Profesional dado de baja'}</p>}
    >
      <ProfessionalWebForm
        defaults={{ id: pro.id, generalMessage: pro.generalMessage, bookingMessage: pro.bookingMessage, maxDaysAhead: pro.maxDaysAhead }}
        save={saveProfessionalWebAction}
        backHref="/admin/turnos-web/profesionales"
      />
    </CatalogPage>
  );
}
