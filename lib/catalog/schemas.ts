import '@/lib/validation/spanish';
import { z } from 'zod';
import { MAX_RECORD_ID, recordId } from '@/lib/validation/record-id';

/**
 * One schema per catalogue form, shared by the form's resolver, the server action and the domain
 * function. A present `id` means "modify that row"; without it the form creates one (NUEVO).
 */

const text = (max: number, label: string) => z.string().trim().max(max, `${label}: hasta ${max} caracteres.`);
const required = (max: number, label: string, missing: string) => text(max, label).min(1, missing);
/** Free text shown to patients: line breaks are kept, so only the length is limited. */
const message = (label: string) => text(2000, label);

const id = z.number({ error: 'Falta indicar el registro.' }).int().positive('Falta indicar el registro.').max(MAX_RECORD_ID, 'Falta indicar el registro.');
const idList = (label: string) =>
  z
    .array(recordId, { error: `${label}: selección no válida.` })
    .max(500, `${label}: demasiados elementos.`)
    .transform((ids) => [...new Set(ids)]);

const email = z
  .string()
  .trim()
  .max(200, 'E-Mail: hasta 200 caracteres.')
  .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'E-Mail: no es una dirección válida.');

/** MODIFICAR ACTIVACION, dar de baja / reactivar: sets the switch to `on` (idempotent, unlike a flip). */
export const switchSchema = z.object({ id, on: z.boolean({ error: 'Indique si activa o desactiva.' }) });

/** Obras sociales: NUEVO and the web texts of TURNOS WEB → OBRAS SOCIALES ACTIVADAS. */
export const insurerSchema = z.object({
  id: id.optional(),
  name: required(120, 'Nombre', 'Ingrese el nombre de la obra social.'),
  webName: text(120, 'Nombre para la Web'),
  generalMessage: message('Mensaje General'),
  bookingMessage: message('Mensaje p/ Turnos'),
});

/** Sistema → Especialidades: NUEVO and renaming. */
export const specialtySchema = z.object({
  id: id.optional(),
  name: required(120, 'Nombre', 'Ingrese el nombre de la especialidad.'),
});

/** TURNOS WEB → ESPECIALIDADES ACTIVADAS: how patients see it. */
export const specialtyWebSchema = z.object({
  id,
  webName: text(120, 'Nombre para la Web'),
});

/** TURNOS WEB → ABM ESTUDIOS. */
export const studySchema = z.object({
  id: id.optional(),
  name: required(120, 'Nombre', 'Ingrese el nombre del estudio.'),
  indication: message('Indicación'),
});

/** Sistema → Profesionales: the professional's own data and specialties. */
export const professionalSchema = z.object({
  id: id.optional(),
  lastName: required(80, 'Apellido', 'Ingrese el apellido.'),
  firstName: required(80, 'Nombre', 'Ingrese el nombre.'),
  license: text(40, 'Matrícula'),
  email,
  specialtyIds: idList('Especialidades'),
});

/** TURNOS WEB → PROFESIONALES ACTIVADOS: messages and Días Máximos. */
export const professionalWebSchema = z.object({
  id,
  generalMessage: message('Mensaje General'),
  bookingMessage: message('Mensaje p/ Turnos'),
  maxDaysAhead: z.coerce
    .number({ error: 'Días Máximos: ingrese un número.' })
    .int('Días Máximos: ingrese un número entero.')
    .min(1, 'Días Máximos: mínimo 1.')
    .max(730, 'Días Máximos: máximo 730 (dos años).'),
});

/** The ESTUDIOS button: which studies this professional performs. */
export const professionalStudiesSchema = z.object({
  id,
  studyIds: idList('Estudios'),
});

export type SwitchInput = z.input<typeof switchSchema>;
export type InsurerInput = z.input<typeof insurerSchema>;
export type SpecialtyInput = z.input<typeof specialtySchema>;
export type SpecialtyWebInput = z.input<typeof specialtyWebSchema>;
export type StudyInput = z.input<typeof studySchema>;
export type ProfessionalInput = z.input<typeof professionalSchema>;
export type ProfessionalWebInput = z.input<typeof professionalWebSchema>;
export type ProfessionalStudiesInput = z.input<typeof professionalStudiesSchema>;
