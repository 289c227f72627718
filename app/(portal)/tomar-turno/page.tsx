import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { requirePatient } from '@/lib/auth/session';
import { parseBookingParams } from '@/lib/booking/params';
import { listWebProfessionals, listWebSpecialties, listWebStudies } from '@/lib/catalog/queries';
import { getRequestCenterSettings } from '@/lib/settings/queries';
import { WebClosedNotice } from '@/components/portal/web-closed-notice';

export const metadata: Metadata = { title: 'Tomar un Nuevo Turno' };

const selectClass = 'mt-1 block w-full min-h-12 rounded-lg border border-slate-400 bg-white px-3 text-base';
const buttonClass = 'min-h-12 rounded-lg bg-brand-700 px-5 font-semibold text-white hover:bg-brand-800';

export default async function TakeAppointmentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePatient();
  const params = parseBookingParams(await searchParams);
  const db = getDb();
  const settings = await getRequestCenterSettings();
  if (!settings.webEnabled) return <WebClosedNotice phones={settings.contactPhones} />;
  const studyMode = settings.selectionMode === 'study';
  const [options, professionals] = await Promise.all([
    studyMode ? listWebStudies(db) : listWebSpecialties(db),
    listWebProfessionals(db),
  ]);
  const keep = params.cambiar ? <input type="hidden" name="cambiar" value={params.cambiar} /> : null;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold text-brand-800">{params.cambiar ? 'Cambiar el horario del turno' : 'Tomar un Nuevo Turno'}</h1>
      {settings.mailPhrase && <p className="rounded-lg bg-brand-50 p-3 text-brand-800">{settings.mailPhrase}</p>}

      <form action="/tomar-turno/profesionales" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <h2 className="text-lg font-semibold">{studyMode ? 'Seleccionando un Estudio' : 'Seleccionando una Especialidad'}</h2>
        <label className="block">
          <span className="font-medium">{studyMode ? 'Seleccionar Estudio' : 'Seleccionar Especialidad'}</span>
          <select name={studyMode ? 'estudio' : 'especialidad'} required className={selectClass} defaultValue={(studyMode ? params.estudio : params.especialidad) ?? ''}>
            <option value="" disabled>
              {studyMode ? 'Seleccionar Estudio' : 'Seleccionar Especialidad'}
            </option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        {keep}
        <button type="submit" className={buttonClass}>
          Ver Profesionales
        </button>
      </form>

      <form action="/tomar-turno/agenda" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <h2 className="text-lg font-semibold">O directamente un Profesional</h2>
        <label className="block">
          <span className="font-medium">Seleccionar Profesional</span>
          <select name="profesional" required className={selectClass} defaultValue="">
            <option value="" disabled>
              Seleccionar Profesional
            </option>
            {professionals.map((p) => {
              const what = studyMode ? p.studies : p.specialties;
              return (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {what.length ? ` (${what.map((w) => w.name).join(', ')})` : ''}
                </option>
              );
            })}
          </select>
        </label>
        {keep}
        <button type="submit" className={buttonClass}>
          Ver Agenda
        </button>
      </form>
    </div>
  );
}
