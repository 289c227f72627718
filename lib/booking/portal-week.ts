import 'server-only';
import type { Db } from '@/db/client';
import type { CenterSettings } from '@/db/schema';
import { loadWeeksFor, localToday, type ProfessionalWeek } from '@/lib/availability/queries';
import { addDaysToDate } from '@/lib/availability/slots';
import { getWebSpecialty, getWebStudy } from '@/lib/catalog/queries';
import type { BookingParams } from './params';

export const WEEK_DAYS = 7;

export interface PortalWeek {
  fromDate: string;
  toDate: string;
  today: string;
  /** What the patient picked, as the web names it. */
  selection: { kind: 'specialty' | 'study'; id: number; name: string; indication?: string } | null;
  professionals: ProfessionalWeek[];
}

/** The week starting at `desde` (never before today) in the center's zone. */
export function weekRange(params: BookingParams, settings: CenterSettings, now = new Date()) {
  const today = localToday(now, settings.timeZone);
  const fromDate = params.desde && params.desde > today ? params.desde : today;
  return { today, fromDate, toDate: addDaysToDate(fromDate, WEEK_DAYS - 1) };
}

/**
 * What the portal shows for a week: the web-enabled professionals of the chosen specialty or
 * study (or one professional), each with the week's slots, in a constant number of queries.
 */
export async function loadPortalWeek(
  db: Db,
  settings: CenterSettings,
  params: BookingParams,
  professionalId?: number,
  now = new Date(),
): Promise<PortalWeek> {
  const { today, fromDate, toDate } = weekRange(params, settings, now);
  let selection: PortalWeek['selection'] = null;
  if (settings.selectionMode === 'study' && params.estudio) {
    const study = await getWebStudy(db, params.estudio);
    if (study) selection = { kind: 'study', id: study.id, name: study.name, indication: study.indication };
  } else if (settings.selectionMode === 'specialty' && params.especialidad) {
    const specialty = await getWebSpecialty(db, params.especialidad);
    if (specialty) selection = { kind: 'specialty', id: specialty.id, name: specialty.name };
  }
  if (!selection && professionalId === undefined) return { fromDate, toDate, today, selection, professionals: [] };
  const filter = {
    specialtyId: selection?.kind === 'specialty' ? selection.id : undefined,
    studyId: selection?.kind === 'study' ? selection.id : undefined,
    professionalIds: professionalId !== undefined ? [professionalId] : undefined,
  };
  const professionals = await loadWeeksFor(
    db,
    filter,
    { fromDate, toDate, specialtyId: filter.specialtyId, studyId: filter.studyId },
    {
      timeZone: settings.timeZone,
      now,
      notBefore: new Date(now.getTime() + settings.minBookingNoticeHours * 3_600_000),
      web: true,
    },
  );
  return { fromDate, toDate, today, selection, professionals };
}
