import type { Metadata } from 'next';
import Link from 'next/link';
import { plainButton, primaryButton } from '@/components/admin/catalog/styles';
import { getDb } from '@/db/client';
import { savedSentence } from '@/lib/agenda/outcome';
import { listAgendaProfessionals, listRules, mondayOf, previewWeek, type RuleRow } from '@/lib/agenda/queries';
import { displayDate, validityLabel, WEEKDAY_NAMES, WEEKDAYS } from '@/lib/agenda/weekdays';
import { requireStaff } from '@/lib/auth/session';
import { localToday } from '@/lib/availability/queries';
import { addDaysToDate } from '@/lib/availability/slots';
import { getCenterSettings } from '@/lib/settings/queries';
import { dayHeading } from '@/lib/time/labels';

export const metadata: Metadata = { title: 'Agendas' };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const isDate = (v: string | undefined): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));

function servesLabel(r: RuleRow): string {
  const parts = [r.specialty, r.study].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'Todo';
}

function RulesTable({ rules, caption, professionalId, showEmptyDays }: { rules: RuleRow[]; caption: string; professionalId: number; showEmptyDays: boolean }) {
  const days = showEmptyDays ? WEEKDAYS : WEEKDAYS.filter((d) => rules.some((r) => r.weekday === d));
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className="px-3 py-2">Día</th>
            <th scope="col" className="px-3 py-2">Horario</th>
            <th scope="col" className="px-3 py-2">Turnos de</th>
            <th scope="col" className="px-3 py-2">Vigencia</th>
            <th scope="col" className="px-3 py-2">Sirve para</th>
            <th scope="col" className="px-3 py-2">Web</th>
            <th scope="col" className="px-3 py-2">Acciones</th>
          </tr>
        </thead>
        {days.map((day) => {
          const mine = rules.filter((r) => r.weekday === day);
          return (
            <tbody key={day} className="border-t border-slate-200">
              {mine.length === 0 ? (
                <tr>
                  <th scope="row" className="px-3 py-2 font-semibold">{WEEKDAY_NAMES[day]}</th>
                  <td colSpan={6} className="px-3 py-2 text-slate-600">No atiende</td>
                </tr>
              ) : (
                mine.map((r, i) => (
                  <tr key={r.id} className={i > 0 ? 'border-t border-slate-100' : ''}>
                    <th scope="row" className="px-3 py-2 font-semibold">
                      {i === 0 ? WEEKDAY_NAMES[day] : <span className="sr-only">{WEEKDAY_NAMES[day]}</span>}
                    </th>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {r.startTime} a {r.endTime}
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">{r.slotMinutes} min</td>
                    <td className="px-3 py-2">{validityLabel(r.validFrom, r.validTo)}</td>
                    <td className="px-3 py-2">{servesLabel(r)}</td>
                    <td className="px-3 py-2">{r.webEnabled ? 'Sí' : 'No'}</td>
                    <td className="px-3 py-2">
                      <Link href={`/admin/agendas/${r.id}?profesional=${professionalId}`} className="text-brand-700 underline">
                        Modificar o finalizar<span className="sr-only"> el horario del {WEEKDAY_NAMES[day]} de {r.startTime} a {r.endTime}</span>
                      </Link>
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}

/** AGENDAS: a professional's weekly rules, and the slots they give for a week. */
export default async function AgendasPage({ searchParams }: { searchParams: Search }) {
  await requireStaff(['admin', 'reception']);
  const search = await searchParams;
  const db = getDb();
  const { timeZone } = await getCenterSettings(db);
  const now = new Date();
  const today = localToday(now, timeZone);
  const pros = await listAgendaProfessionals(db);
  const wanted = Number(one(search.profesional));
  const pro = pros.find((p) => p.id === wanted) ?? pros.find((p) => p.active);
  const week = mondayOf(isDate(one(search.semana)) ? one(search.semana)! : today);
  const [rules, preview] = pro ? await Promise.all([listRules(db, pro.id, today), previewWeek(db, pro.id, week, timeZone, now)]) : [null, null];
  const saved = one(search.guardado) === '1';
  const sentence = savedSentence({ kept: Number(one(search.mantenidos)) || 0, cancelled: Number(one(search.cancelados)) || 0 });
  const weekHref = (monday: string) => `/admin/agendas?profesional=${pro?.id}&semana=${monday}`;
  const name = pro ? `${pro.lastName} ${pro.firstName}` : '';

  return (
    <main className="mx-auto max-w-5xl space-y-5 px-4 py-6">
      <h1 className="text-2xl font-bold text-brand-800">Agendas</h1>
      <p className="text-slate-700">
        Los días y horarios en que atiende cada Profesional. Un cambio rige desde la fecha que indique: los días anteriores conservan su horario.
        Si un cambio deja turnos fuera de la agenda, antes de guardar se los muestra para decidir qué hacer con ellos. Los feriados y ausencias se
        cargan en{' '}
        <Link href="/admin/feriados" className="text-brand-700 underline">
          Feriados y ausencias
        </Link>
        .
      </p>
      <form action="/admin/agendas" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-3 shadow-sm">
        <label className="flex min-w-60 flex-col font-medium">
          Profesional
          <select name="profesional" defaultValue={pro?.id} className="mt-1 min-h-11 rounded-lg border border-slate-400 bg-white px-2">
            {pros.map((p) => (
              <option key={p.id} value={p.id}>
                {p.lastName} {p.firstName}
                {p.active ? '' : ' (dado de baja)'}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={primaryButton}>
          Ver agenda
        </button>
      </form>

      <p role="status" className={saved ? 'rounded-lg bg-green-50 p-3 font-semibold text-green-900' : 'sr-only'}>
        {saved ? `Agenda guardada. ${sentence}`.trim() : ''}
      </p>

      {!pro || !rules || !preview ? (
        <p className="rounded-lg bg-white p-4 shadow-sm">Todavía no hay profesionales cargados (Sistema → Profesionales).</p>
      ) : (
        <>
          <section aria-labelledby="reglas" className="space-y-3">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 id="reglas" className="text-xl font-semibold text-brand-800">
                Horarios de {name}
              </h2>
              <Link href={`/admin/agendas/nueva?profesional=${pro.id}`} className={primaryButton}>
                Agregar horario
              </Link>
            </div>
            <RulesTable rules={rules.current} caption={`Horarios vigentes y futuros de ${name}`} professionalId={pro.id} showEmptyDays />
            {rules.ended.length > 0 && (
              <details className="rounded-lg bg-white p-3 shadow-sm">
                <summary className="cursor-pointer font-semibold">Horarios anteriores ({rules.ended.length})</summary>
                <div className="mt-3">
                  <RulesTable rules={rules.ended} caption={`Horarios anteriores de ${name}`} professionalId={pro.id} showEmptyDays={false} />
                </div>
              </details>
            )}
          </section>

          <section aria-labelledby="vista-previa" className="space-y-3">
            <h2 id="vista-previa" className="text-xl font-semibold text-brand-800">
              Vista previa: semana del {displayDate(week)} al {displayDate(addDaysToDate(week, 6))}
            </h2>
            <nav aria-label="Semanas de la vista previa" className="flex flex-wrap items-end gap-2">
              <Link href={weekHref(addDaysToDate(week, -7))} className={plainButton}>
                ‹ Semana anterior
              </Link>
              <Link href={weekHref(mondayOf(today))} className={plainButton}>
                Esta semana
              </Link>
              <Link href={weekHref(addDaysToDate(week, 7))} className={plainButton}>
                Semana siguiente ›
              </Link>
              <form action="/admin/agendas" className="flex items-end gap-2">
                <input type="hidden" name="profesional" value={pro.id} />
                <label className="flex flex-col text-sm font-medium">
                  Ir a la semana del día
                  <input type="date" name="semana" defaultValue={week} className="mt-1 min-h-11 rounded-lg border border-slate-400 px-2" />
                </label>
                <button type="submit" className={plainButton}>
                  Ver
                </button>
              </form>
            </nav>
            <ul aria-label="Turnos que da la agenda" className="space-y-2">
              {preview.map((day) => {
                const taken = day.slots.filter((s) => !s.free).length;
                return (
                  <li key={day.date} className="rounded-lg bg-white p-3 shadow-sm">
                    <strong>{dayHeading(day.date)}:</strong>{' '}
                    {day.closed !== null ? (
                      <span className="text-amber-900">Cerrado{day.closed ? ` (${day.closed})` : ''}</span>
                    ) : day.slots.length === 0 ? (
                      <span className="text-slate-600">No atiende</span>
                    ) : (
                      <>
                        <span className="font-mono">{day.slots.map((s) => s.time).join(' ')}</span>{' '}
                        <span className="text-sm text-slate-600">
                          ({day.slots.length === 1 ? '1 turno' : `${day.slots.length} turnos`}
                          {taken ? `, ${taken === 1 ? '1 ocupado' : `${taken} ocupados`}` : ''})
                        </span>
                      </>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        </>
      )}
    </main>
  );
}
