import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { eq } from 'drizzle-orm';
import { DeleteRuleButton, EndRuleForm } from '@/components/admin/agenda/end-rule-form';
import { RuleForm } from '@/components/admin/agenda/rule-form';
import { plainButton } from '@/components/admin/catalog/styles';
import { getDb } from '@/db/client';
import { professionals } from '@/db/schema';
import { deleteRuleAction, endRuleAction, saveRuleAction } from '@/lib/agenda/actions';
import { getRule, ruleOptions } from '@/lib/agenda/queries';
import { displayDate, validityLabel, WEEKDAY_NAMES } from '@/lib/agenda/weekdays';
import { requireStaff } from '@/lib/auth/session';
import { localToday } from '@/lib/availability/queries';
import { getCenterSettings } from '@/lib/settings/queries';
import { parseId } from '@/lib/validation/record-id';

export const metadata: Metadata = { title: 'Modificar horario' };

type Props = { params: Promise<{ id: string }> };

/** One weekly rule: change it from a date on, end it, or (if it never applied) delete it. */
export default async function RulePage({ params }: Props) {
  await requireStaff(['admin', 'reception']);
  const id = parseId((await params).id);
  if (id === null) notFound();
  const db = getDb();
  const rule = await getRule(db, id);
  if (!rule) notFound();
  const [[pro], { timeZone }, options] = await Promise.all([
    db.select({ lastName: professionals.lastName, firstName: professionals.firstName }).from(professionals).where(eq(professionals.id, rule.professionalId)),
    getCenterSettings(db),
    ruleOptions(db, rule.professionalId),
  ]);
  const today = localToday(new Date(), timeZone);
  const backHref = `/admin/agendas?profesional=${rule.professionalId}`;
  const ended = rule.validTo !== null && rule.validTo < today;
  const title = `${WEEKDAY_NAMES[rule.weekday]} de ${rule.startTime} a ${rule.endTime}`;
  return (
    <main className="mx-auto max-w-3xl space-y-5 px-4 py-6">
      <h1 className="text-2xl font-bold text-brand-800">Horario: {title}</h1>
      <p className="text-slate-700">
        Profesional: <strong>{pro.lastName} {pro.firstName}</strong> · turnos de {rule.slotMinutes} minutos · vigente{' '}
        {validityLabel(rule.validFrom, rule.validTo)}
        {rule.specialty ? ` · ${rule.specialty}` : ''}
        {rule.study ? ` · ${rule.study}` : ''} · Turnos Web: {rule.webEnabled ? 'sí' : 'no'}
      </p>
      {ended ? (
        <p className="rounded-lg bg-slate-100 p-4">
          Este horario terminó el {displayDate(rule.validTo!)}. Se conserva como historia de la agenda.
        </p>
      ) : (
        <>
          <section aria-labelledby="modificar" className="space-y-2">
            <h2 id="modificar" className="text-xl font-semibold text-brand-800">
              Modificar
            </h2>
            <p className="text-sm text-slate-700">
              Elija desde qué día rige el cambio. Si deja turnos ya dados fuera del horario, se los mostrará antes de guardar.
            </p>
            <RuleForm
              defaults={{
                id: rule.id,
                professionalId: rule.professionalId,
                weekday: String(rule.weekday),
                startTime: rule.startTime,
                endTime: rule.endTime,
                slotMinutes: String(rule.slotMinutes),
                validFrom: rule.validFrom > today ? rule.validFrom : today,
                validTo: rule.validTo ?? '',
                specialtyId: rule.specialtyId ? String(rule.specialtyId) : '',
                studyId: rule.studyId ? String(rule.studyId) : '',
                webEnabled: rule.webEnabled,
              }}
              specialties={options.specialties}
              studies={options.studies}
              save={saveRuleAction}
              backHref={backHref}
            />
          </section>
          <section aria-labelledby="finalizar" className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
            <h2 id="finalizar" className="text-xl font-semibold text-brand-800">
              Finalizar
            </h2>
            <p className="text-sm text-slate-700">El Profesional deja de atender en este horario después del último día que indique.</p>
            <EndRuleForm id={rule.id} defaultLastDay={today} save={endRuleAction} doneHref={backHref} />
          </section>
          {rule.validFrom >= today && (
            <section aria-labelledby="borrar" className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
              <h2 id="borrar" className="text-xl font-semibold text-brand-800">
                Borrar
              </h2>
              <p className="text-sm text-slate-700">Todavía no rigió ningún día pasado: se puede borrar por completo.</p>
              <DeleteRuleButton id={rule.id} save={deleteRuleAction} doneHref={backHref} />
            </section>
          )}
        </>
      )}
      <Link href={backHref} className={plainButton}>
        Volver a la agenda
      </Link>
    </main>
  );
}
