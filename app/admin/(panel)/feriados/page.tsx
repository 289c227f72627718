import type { Metadata } from 'next';
import Link from 'next/link';
import { ClosureForm } from '@/components/admin/agenda/closure-form';
import { ActionButton } from '@/components/admin/catalog/action-button';
import { getDb } from '@/db/client';
import { addClosureAction, removeClosureAction } from '@/lib/agenda/actions';
import { listAgendaProfessionals, listClosures, type ClosureRow } from '@/lib/agenda/queries';
import { displayDate } from '@/lib/agenda/weekdays';
import { requireStaff } from '@/lib/auth/session';
import { localToday } from '@/lib/availability/queries';
import { getCenterSettings } from '@/lib/settings/queries';

export const metadata: Metadata = { title: 'Feriados y ausencias' };

function dates(r: ClosureRow): string {
  return r.startsOn === r.endsOn ? displayDate(r.startsOn) : `Del ${displayDate(r.startsOn)} al ${displayDate(r.endsOn)}`;
}

function hours(r: ClosureRow): string {
  return r.startTime ? `De ${r.startTime} a ${r.endTime}` : 'Todo el día';
}

function ClosureTable({ rows, caption, withProfessional, noun }: { rows: ClosureRow[]; caption: string; withProfessional: boolean; noun: string }) {
  if (rows.length === 0) return <p className="rounded-lg bg-white p-4 shadow-sm">No hay {noun} cargados de hoy en adelante.</p>;
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200">
            {withProfessional && <th scope="col" className="px-3 py-2">Profesional</th>}
            <th scope="col" className="px-3 py-2">Fecha</th>
            <th scope="col" className="px-3 py-2">Horario</th>
            <th scope="col" className="px-3 py-2">Motivo</th>
            <th scope="col" className="px-3 py-2">Acciones</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const what = `${withProfessional ? `${r.professional}, ` : ''}${dates(r)}`;
            return (
              <tr key={r.id} className="border-t border-slate-100">
                {withProfessional && <th scope="row" className="px-3 py-2 font-semibold">{r.professional}</th>}
                <td className="px-3 py-2 whitespace-nowrap">{dates(r)}</td>
                <td className="px-3 py-2 whitespace-nowrap">{hours(r)}</td>
                <td className="px-3 py-2">{r.reason || '—'}</td>
                <td className="px-3 py-2">
                  <ActionButton action={removeClosureAction} input={{ id: r.id }} label="Quitar" context={what} confirm="¿Quitar? Esos días vuelven a tener turnos." />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** FERIADOS Y AUSENCIAS: the center's holidays and each professional's absences, from today on. */
export default async function ClosuresPage() {
  await requireStaff(['admin', 'reception']);
  const db = getDb();
  const { timeZone } = await getCenterSettings(db);
  const today = localToday(new Date(), timeZone);
  const [{ holidays, absences }, pros] = await Promise.all([listClosures(db, today), listAgendaProfessionals(db)]);
  const active = pros.filter((p) => p.active).map((p) => ({ id: p.id, name: `${p.lastName} ${p.firstName}` }));
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-6">
      <h1 className="text-2xl font-bold text-brand-800">Feriados y ausencias</h1>
      <p className="text-slate-700">
        En un feriado no atiende nadie; en una ausencia, un Profesional (días completos o algunas horas). Esos horarios dejan de ofrecerse. Si ya
        hay turnos dados, se los muestra antes de guardar para mantenerlos o cancelarlos avisando a los pacientes. Los horarios de cada
        Profesional están en{' '}
        <Link href="/admin/agendas" className="text-brand-700 underline">
          Agendas
        </Link>
        .
      </p>
      <section aria-labelledby="feriados" className="space-y-3">
        <h2 id="feriados" className="text-xl font-semibold text-brand-800">
          Feriados del centro
        </h2>
        <ClosureTable rows={holidays} caption="Feriados del centro, de hoy en adelante" withProfessional={false} noun="feriados" />
        <ClosureForm kind="holiday" today={today} save={addClosureAction} />
      </section>
      <section aria-labelledby="ausencias" className="space-y-3">
        <h2 id="ausencias" className="text-xl font-semibold text-brand-800">
          Ausencias de profesionales
        </h2>
        <ClosureTable rows={absences} caption="Ausencias de profesionales, de hoy en adelante" withProfessional noun="ausencias" />
        {active.length > 0 && <ClosureForm kind="absence" today={today} professionals={active} save={addClosureAction} />}
      </section>
    </main>
  );
}
