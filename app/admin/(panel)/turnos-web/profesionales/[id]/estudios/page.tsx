import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { ProfessionalStudiesForm } from '@/components/admin/catalog/professional-studies-form';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { setProfessionalStudiesAction } from '@/lib/catalog/actions';
import { getProfessional, listStudyOptions, parseId } from '@/lib/catalog/admin-queries';

export const metadata: Metadata = { title: 'Estudios del Profesional' };

export default async function ProfessionalStudiesPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff('admin');
  const id = parseId((await params).id);
  const db = getDb();
  const pro = id && (await getProfessional(db, id));
  if (!pro) notFound();
  const studies = await listStudyOptions(db);
  const name = `${pro.lastName} ${pro.firstName}`;
  return (
    <CatalogPage
      title={`ESTUDIOS de ${name}`}
      intro={<p>Tilde los Estudios que realiza este Profesional, sin importar su Especialidad. Los Pacientes que elijan un Estudio solo verán a quienes lo realizan.</p>}
    >
      <section aria-labelledby="asignados" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="asignados" className="text-lg font-semibold text-brand-800">
          Estudios asignados
        </h2>
        {pro.studies.length === 0 ? (
          <p>Todavía no tiene estudios asignados.</p>
        ) : (
          <ul className="list-disc pl-6">
            {pro.studies.map((s) => (
              <li key={s.id}>
                {s.name}
                {!s.active && ' (dado de baja)'}
              </li>
            ))}
          </ul>
        )}
      </section>
      <ProfessionalStudiesForm
        defaults={{ id: pro.id, studyIds: pro.studies.map((s) => s.id) }}
        studies={studies.map((s) => ({ id: s.id, name: s.name, active: s.active, hint: s.indication }))}
        save={setProfessionalStudiesAction}
        backHref="/admin/turnos-web/profesionales"
      />
    </CatalogPage>
  );
}
