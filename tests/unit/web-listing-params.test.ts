import { describe, expect, it } from 'vitest';
import { isCalendarDate, parseWebListingQuery, webListingHref, WEB_LISTING_PATH } from '@/lib/appointments/web-listing-params';

describe('the web listing query string', () => {
  it('reads every filter from its Spanish parameter', () => {
    const { filters, errors, page } = parseWebListingQuery({
      otorgado_desde: '2026-11-01',
      otorgado_hasta: '2026-11-30',
      turno_desde: '2026-12-01',
      turno_hasta: '2026-12-31',
      especialidad: '3',
      profesional: '7',
      obra_social: '2',
      estado: 'cancelado',
      buscar: ' Ibañez ',
      orden: 'turno',
      despues: 'abc',
    });
    expect(errors).toEqual({});
    expect(filters).toEqual({
      bookedFrom: '2026-11-01',
      bookedTo: '2026-11-30',
      startsFrom: '2026-12-01',
      startsTo: '2026-12-31',
      specialtyId: 3,
      professionalId: 7,
      insurerId: 2,
      status: 'cancelled',
      text: 'Ibañez',
      order: 'appointment',
    });
    expect(page).toEqual({ after: 'abc' });
  });

  it('a study comes through the same select as "estudio-<id>"', () => {
    expect(parseWebListingQuery({ especialidad: 'estudio-4' }).filters).toEqual({ studyId: 4 });
  });

  it('answers impossible dates and reversed ranges next to the field, and drops what cannot be used', () => {
    const { filters, errors, raw } = parseWebListingQuery({
      otorgado_desde: '2026-02-31',
      turno_desde: '2026-12-10',
      turno_hasta: '2026-12-01',
      buscar: 'a',
      profesional: 'x',
      estado: 'borrado',
    });
    expect(filters).toEqual({ startsFrom: '2026-12-10' });
    expect(errors).toEqual({
      bookedFrom: 'Ingrese una fecha válida (dd/mm/aaaa).',
      startsTo: 'La fecha "hasta" es anterior a la fecha "desde".',
      text: 'Escriba al menos 2 caracteres del DNI o del nombre.',
    });
    // The form shows back what was typed, even when it could not be used.
    expect(raw).toMatchObject({ otorgado_desde: '2026-02-31', buscar: 'a' });
  });

  it('links keep the filters and round-trip through the parser', () => {
    const filters = { startsFrom: '2026-12-01', startsTo: '2026-12-31', professionalId: 7, studyId: 4, status: 'reserved' as const, text: 'PEREZ JUAN' };
    const href = webListingHref(WEB_LISTING_PATH, filters, { before: 'xyz' });
    expect(href.startsWith('/admin/turnos-web/listado?')).toBe(true);
    const parsed = parseWebListingQuery(new URL(href, 'http://x').searchParams);
    expect(parsed.filters).toEqual(filters);
    expect(parsed.page).toEqual({ before: 'xyz' });
    expect(webListingHref(WEB_LISTING_PATH, {})).toBe(WEB_LISTING_PATH);
  });

  it('knows a calendar date', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('29/02/2028')).toBe(false);
  });
});
