import type { AppointmentStatus } from '@/db/schema';

/**
 * The query string of "Listado de Turnos dados por Sistema Web" (and of its export): a GET form,
 * so the filters live in the URL, survive a reload and can be shared. Pure: the page, the export
 * route and the unit tests use it alike.
 */

export const WEB_LISTING_PATH = '/admin/turnos-web/listado';
/** Outside the (panel) layout (a route cannot sit beside a page), so it checks the session itself. */
export const WEB_LISTING_EXPORT_PATH = '/admin/turnos-web/listado/exportar';

export type WebListingOrder = 'booked' | 'appointment';

export interface WebListingFilters {
  /** FECHA DE OTORGAMIENTO, local calendar dates 'yyyy-MM-dd' in the center's zone, both inclusive. */
  bookedFrom?: string;
  bookedTo?: string;
  /** FECHA DEL TURNO, same rules. */
  startsFrom?: string;
  startsTo?: string;
  specialtyId?: number;
  studyId?: number;
  professionalId?: number;
  insurerId?: number;
  status?: AppointmentStatus;
  /** A patient's DNI (or its first digits) or part of the name. */
  text?: string;
  /** 'booked' (default): newest booking first. 'appointment': by the turno's date, earliest first. */
  order?: WebListingOrder;
}

/** Where a page starts: after the row of a "Siguiente" link, or before the row of an "Anterior" one. */
export interface WebListingPageRequest {
  after?: string;
  before?: string;
  size?: number;
}

export type WebListingField = 'bookedFrom' | 'bookedTo' | 'startsFrom' | 'startsTo' | 'text';

export interface ParsedWebListingQuery {
  filters: WebListingFilters;
  page: WebListingPageRequest;
  /** Values that were typed but could not be used, with the message to show next to the field. */
  errors: Partial<Record<WebListingField, string>>;
  /** What the form shows back, as typed (even when invalid). */
  raw: Record<string, string>;
}

/** URL parameter names, in Spanish like the rest of the UI. */
export const PARAM = {
  bookedFrom: 'otorgado_desde',
  bookedTo: 'otorgado_hasta',
  startsFrom: 'turno_desde',
  startsTo: 'turno_hasta',
  specialty: 'especialidad',
  professionalId: 'profesional',
  insurerId: 'obra_social',
  status: 'estado',
  text: 'buscar',
  order: 'orden',
  after: 'despues',
  before: 'antes',
} as const;

export const STATUS_PARAM: Record<string, AppointmentStatus> = {
  reservado: 'reserved',
  presente: 'present',
  ausente: 'absent',
  cancelado: 'cancelled',
};
export const STATUS_PARAM_OF: Record<AppointmentStatus, string> = {
  reserved: 'reservado',
  present: 'presente',
  absent: 'ausente',
  cancelled: 'cancelado',
};

/** A study is offered in the same select as the specialties, as "estudio-<id>". */
export const STUDY_PREFIX = 'estudio-';

const MAX_TEXT = 80;

/** 'yyyy-MM-dd' that is a real calendar date (no 31/02). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const positiveId = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : undefined);

export function parseWebListingQuery(search: Record<string, string | string[] | undefined> | URLSearchParams): ParsedWebListingQuery {
  const get = (key: string): string | undefined => {
    const v = search instanceof URLSearchParams ? search.get(key) ?? undefined : search[key];
    const first = Array.isArray(v) ? v[0] : v;
    return first?.trim() || undefined;
  };
  const raw: Record<string, string> = {};
  for (const key of Object.values(PARAM)) {
    const v = get(key);
    if (v !== undefined) raw[key] = v;
  }
  const filters: WebListingFilters = {};
  const errors: ParsedWebListingQuery['errors'] = {};

  const date = (field: 'bookedFrom' | 'bookedTo' | 'startsFrom' | 'startsTo') => {
    const v = get(PARAM[field]);
    if (v === undefined) return;
    if (isCalendarDate(v)) filters[field] = v;
    else errors[field] = 'Ingrese una fecha válida (dd/mm/aaaa).';
  };
  date('bookedFrom');
  date('bookedTo');
  date('startsFrom');
  date('startsTo');
  if (filters.bookedFrom && filters.bookedTo && filters.bookedFrom > filters.bookedTo) {
    errors.bookedTo = 'La fecha "hasta" es anterior a la fecha "desde".';
    delete filters.bookedTo;
  }
  if (filters.startsFrom && filters.startsTo && filters.startsFrom > filters.startsTo) {
    errors.startsTo = 'La fecha "hasta" es anterior a la fecha "desde".';
    delete filters.startsTo;
  }

  const specialty = get(PARAM.specialty);
  if (specialty?.startsWith(STUDY_PREFIX)) filters.studyId = positiveId(specialty.slice(STUDY_PREFIX.length));
  else filters.specialtyId = positiveId(specialty);
  filters.professionalId = positiveId(get(PARAM.professionalId));
  filters.insurerId = positiveId(get(PARAM.insurerId));
  const status = get(PARAM.status);
  if (status && status in STATUS_PARAM) filters.status = STATUS_PARAM[status];

  const text = get(PARAM.text);
  if (text !== undefined) {
    if (text.length > MAX_TEXT) errors.text = `Escriba hasta ${MAX_TEXT} caracteres.`;
    else if (text.length < 2) errors.text = 'Escriba al menos 2 caracteres del DNI o del nombre.';
    else filters.text = text;
  }
  if (get(PARAM.order) === 'turno') filters.order = 'appointment';

  for (const key of Object.keys(filters) as Array<keyof WebListingFilters>) if (filters[key] === undefined) delete filters[key];

  const page: WebListingPageRequest = {};
  const after = get(PARAM.after);
  const before = get(PARAM.before);
  if (after) page.after = after;
  else if (before) page.before = before;
  return { filters, page, errors, raw };
}

/** The query string of these filters (no page position): for the export links and "Primera página". */
export function webListingSearch(filters: WebListingFilters, page: WebListingPageRequest = {}, extra: Record<string, string> = {}): URLSearchParams {
  const q = new URLSearchParams(extra);
  const set = (key: string, v: string | number | undefined) => {
    if (v !== undefined && v !== '') q.set(key, String(v));
  };
  set(PARAM.bookedFrom, filters.bookedFrom);
  set(PARAM.bookedTo, filters.bookedTo);
  set(PARAM.startsFrom, filters.startsFrom);
  set(PARAM.startsTo, filters.startsTo);
  set(PARAM.specialty, filters.studyId ? `${STUDY_PREFIX}${filters.studyId}` : filters.specialtyId);
  set(PARAM.professionalId, filters.professionalId);
  set(PARAM.insurerId, filters.insurerId);
  set(PARAM.status, filters.status ? STATUS_PARAM_OF[filters.status] : undefined);
  set(PARAM.text, filters.text);
  set(PARAM.order, filters.order === 'appointment' ? 'turno' : undefined);
  set(PARAM.after, page.after);
  set(PARAM.before, page.before);
  return q;
}

export function webListingHref(path: string, filters: WebListingFilters, page: WebListingPageRequest = {}, extra: Record<string, string> = {}): string {
  const s = webListingSearch(filters, page, extra).toString();
  return s ? `${path}?${s}` : path;
}
