import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { eq } from 'drizzle-orm';
import { RuleForm } from '@/components/admin/agenda/rule-form';
import { getDb } from '@/db/client';
import { professionals } from '@/db/schema';
import { saveRuleAction } from '@/lib/agenda/actions';
import { ruleOptions } from '@/lib/agenda/queries';
import { requireStaff } from '@/lib/auth/session';
import { localToday } from '@/lib/availability/queries';
import { getCenterSettings } from '@/lib/settings/queries';

export const metadata: Metadata = { title: 'Agregar horario' };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** AGREGAR HORARIO: a new weekly rule for the chosen professional. */
export default async function NewRulePage({ searchParams }: { searchParams: Search }) {
  await requireStaff(['admin', 'reception']);
  const raw = (await searchParams).profesional;
  const professionalId = Number(Array.isArray(raw) ? raw[0] : raw);
  if (!Number.isInteger(professionalId) || professionalId <= 0) notFound();
  const db = getDb();
  const [pro] = await db
    .select({ id: professionals.id, lastName: professionals.lastName, firstName: professionals.firstName })
    .from(professionals)
    .where(eq(professionals.id, professionalId));
  if (!pro) notFound();
  const [{ timeZone }, options] = await Promise.all([getCenterSettings(db), ruleOptions(db, pro.id)]);
  const today = localToday(new Date(), timeZone);
  const backHref = `/admin/agendas?profesional=${pro.id}`;
  return (
    <main className="mx-auto max-w-3xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-bold text-brand-800">Agregar horario</h1>
      <p className="text-slate-700">
        Profesional: <strong>{pro.lastName} {pro.firstName}</strong>. Un día de la semana, de qué hora a qué hora atiende y cuánto dura cada
        turno. Para dos franjas el mismo día (mañana y tarde), cargue dos horarios.
      </p>
      <RuleForm
        defaults={{
          professionalId: pro.id,
          weekday: '1',
          startTime: '08:00',
          endTime: '12:00',
          slotMinutes: '20',
          validFrom: today,
          validTo: '',
          specialtyId: options.specialties.length === 1 ? String(options.specialties[0].id) : '',
          studyId: '',
          webEnabled: true,
        }}
        specialties={options.specialties}
        studies={options.studies}
        save={saveRuleAction}
        backHref={backHref}
      />
    </main>
  );
}
