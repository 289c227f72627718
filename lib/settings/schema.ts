import '@/lib/validation/spanish';
import { z } from 'zod';

const text = (max: number, label: string) => z.string().trim().max(max, `${label}: hasta ${max} caracteres.`);
const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label}: ingrese un número.` })
    .int(`${label}: ingrese un número entero.`)
    .min(min, `${label}: mínimo ${min}.`)
    .max(max, `${label}: máximo ${max}.`);

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('es-AR', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** CONFIGURACION BASICA, one schema for the admin form and its server action. */
export const centerSettingsSchema = z.object({
  webEnabled: z.boolean(),
  centerName: text(120, 'Nombre').min(1, 'Ingrese el nombre del centro médico.'),
  homePhrase: text(500, 'Frase Inicio'),
  webAddress: z
    .string()
    .trim()
    .max(300, 'Dirección WEB: hasta 300 caracteres.')
    .refine((v) => v === '' || /^https?:\/\/[^\s]+$/.test(v), 'Dirección WEB: debe empezar con http:// o https://'),
  contactEmail: z
    .string()
    .trim()
    .max(200)
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'E-Mail: no es una dirección válida.'),
  contactPhones: text(200, 'Teléfonos'),
  contactHours: text(200, 'Horario de Contacto'),
  webUsername: text(40, 'Usuario WEB').min(1, 'Ingrese el Usuario WEB (se recomienda "WEB").'),
  webAppointmentType: text(40, 'Tipo de Turno').min(1, 'Ingrese el Tipo de Turno (se recomienda "WEB").'),
  selectionMode: z.enum(['specialty', 'study'], { error: 'Elija la forma de seleccionar profesional.' }),
  maxPerDaySpecialtyProfessional: whole('Máx Turnos para Día/Espec/Prof', 1, 20),
  maxFuturePerIp: whole('Máx Turnos a Futuro Sin Cancelar misma IP', 1, 500),
  maxFuturePerPatient: whole('Máx Turnos a Futuro Sin Cancelar', 1, 100),
  requireReason: z.boolean(),
  mailPhrase: text(500, 'Frase Incluida en Mail'),
  timeZone: z.string().refine(isTimeZone, 'Zona horaria: no es válida.'),
  patientIdleMinutes: whole('Minutos de inactividad de pacientes', 1, 120),
  staffIdleMinutes: whole('Minutos de inactividad del personal', 1, 720),
  minBookingNoticeHours: whole('Anticipación mínima', 0, 720),
  cancelCutoffHours: whole('Cancelación web hasta', 0, 720),
});

export type CenterSettingsInput = z.infer<typeof centerSettingsSchema>;
export type CenterSettingsField = keyof CenterSettingsInput;
