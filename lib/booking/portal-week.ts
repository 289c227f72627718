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
 * study (or one professional), each with the week's slots, in one round of queries: the chosen
 * specialty / study is looked up while the week is read as if it were valid (it nearly always
 * is); only when it is not offered on the web is the week read again without it.
 */
export async function loadPortalWeek(
  db: Db,
  settings: CenterSettings,
  params: BookingParams,
  professionalId?: number,
  now = new Date(),
): Promise<PortalWeek> {
  const { today, fromDate, toDate } = weekRange(params, settings, now);
  const wanted =
    settings.selectionMode === 'study' && params.estudio
      ? ({ kind: 'study', id: params.estudio } as const)
      : settings.selectionMode === 'specialty' && params.especialidad
        ? ({ kind: 'specialty', id: params.especialidad } as const)
        : null;
  if (!wanted && professionalId === undefined) return { fromDate, toDate, today, selection: null, professionals: [] };
  const weekOf = (chosen: typeof wanted) => {
    const filter = {
      specialtyId: chosen?.kind === 'specialty' ? chosen.id : undefined,
      studyId: chosen?.kind === 'study' ? chosen.id : undefined,
      professionalIds: professionalId !== undefined ? [professionalId] : undefined,
    };
    return loadWeeksFor(
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
  };
  const [selection, speculative] = await Promise.all([lookUpSelection(db, wanted), weekOf(wanted)]);
  if (!selection && professionalId === undefined) return { fromDate, toDate, today, selection, professionals: [] };
  const professionals = selection || !wanted ? speculative : await weekOf(null);
  return { fromDate, toDate, today, selection, professionals };
}

async function lookUpSelection(db: Db, wanted: { kind: 'specialty' | 'study'; id: number } | null): Promise<PortalWeek['selection']> {
  if (wanted?.kind === 'study') {
    const study = await getWebStudy(db, wanted.id);
    return study ? { kind: 'study', id: study.id, name: study.name, indication: study.indication } : null;
  }
  if (wanted?.kind === 'specialty') {
    const specialty = await getWebSpecialty(db, wanted.id);
    return specialty ? { kind: 'specialty', id: specialty.id, name: specialty.name } : null;
  }
  return null;
}
