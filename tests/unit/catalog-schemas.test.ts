import { describe, expect, it } from 'vitest';
import {
  insurerSchema,
  professionalSchema,
  professionalStudiesSchema,
  professionalWebSchema,
  specialtySchema,
  studySchema,
  switchSchema,
} from '@/lib/catalog/schemas';

/** The first Spanish message per field, as the forms show it next to each input. */
function errors(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  const out: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) out[issue.path.join('.')] ??= issue.message;
  return out;
}

describe('catalogue form schemas', () => {
  it('trims names and keeps the line breaks of messages shown to patients', () => {
    const parsed = insurerSchema.parse({ name: '  OSDE ', webName: ' Osde ', generalMessage: 'Línea 1\nLínea 2', bookingMessage: '' });
    expect(parsed).toEqual({ name: 'OSDE', webName: 'Osde', generalMessage: 'Línea 1\nLínea 2', bookingMessage: '' });
    expect(parsed.id).toBeUndefined(); // no id = NUEVO
  });

  it('asks for the name in Spanish, per catalogue', () => {
    expect(errors(insurerSchema.safeParse({ name: ' ', webName: '', generalMessage: '', bookingMessage: '' }))).toEqual({
      name: 'Ingrese el nombre de la obra social.',
    });
    expect(errors(specialtySchema.safeParse({ name: '' }))).toEqual({ name: 'Ingrese el nombre de la especialidad.' });
    expect(errors(studySchema.safeParse({ name: '', indication: '' }))).toEqual({ name: 'Ingrese el nombre del estudio.' });
  });

  it('limits lengths with the field label in the message', () => {
    expect(errors(studySchema.safeParse({ name: 'ECO', indication: 'x'.repeat(2001) }))).toEqual({ indication: 'Indicación: hasta 2000 caracteres.' });
    expect(errors(specialtySchema.safeParse({ name: 'x'.repeat(121) }))).toEqual({ name: 'Nombre: hasta 120 caracteres.' });
  });

  it('professional: apellido and nombre required, e-mail optional but valid, specialty ids deduplicated', () => {
    const ok = professionalSchema.parse({ lastName: 'PEREZ', firstName: 'ANA', license: '', email: '', specialtyIds: ['3', 3, 5] });
    expect(ok.specialtyIds).toEqual([3, 5]);
    expect(
      errors(professionalSchema.safeParse({ lastName: '', firstName: ' ', license: '', email: 'ana@', specialtyIds: [] })),
    ).toEqual({ lastName: 'Ingrese el apellido.', firstName: 'Ingrese el nombre.', email: 'E-Mail: no es una dirección válida.' });
    expect(professionalSchema.safeParse({ lastName: 'A', firstName: 'B', license: '', email: '', specialtyIds: [-1] }).success).toBe(false);
  });

  it('Días Máximos: a whole number of days from 1 to 730, typed as text in the form', () => {
    const base = { id: 1, generalMessage: '', bookingMessage: '' };
    expect(professionalWebSchema.parse({ ...base, maxDaysAhead: '45' }).maxDaysAhead).toBe(45);
    expect(professionalWebSchema.parse({ ...base, maxDaysAhead: '730' }).maxDaysAhead).toBe(730);
    expect(errors(professionalWebSchema.safeParse({ ...base, maxDaysAhead: '0' }))).toEqual({ maxDaysAhead: 'Días Máximos: mínimo 1.' });
    expect(errors(professionalWebSchema.safeParse({ ...base, maxDaysAhead: '731' }))).toEqual({
      maxDaysAhead: 'Días Máximos: máximo 730 (dos años).',
    });
    expect(errors(professionalWebSchema.safeParse({ ...base, maxDaysAhead: 'diez' }))).toEqual({
      maxDaysAhead: 'Días Máximos: ingrese un número.',
    });
  });

  it('switches and the ESTUDIOS assignment need a real id and an explicit state', () => {
    expect(switchSchema.safeParse({ id: 4, on: false }).success).toBe(true);
    expect(switchSchema.safeParse({ id: 4 }).success).toBe(false);
    expect(switchSchema.safeParse({ id: 0, on: true }).success).toBe(false);
    expect(switchSchema.safeParse({ id: '4', on: true }).success).toBe(false);
    expect(professionalStudiesSchema.parse({ id: 2, studyIds: [] })).toEqual({ id: 2, studyIds: [] });
    expect(professionalStudiesSchema.safeParse({ id: 2, studyIds: 'todos' }).success).toBe(false);
  });
});
