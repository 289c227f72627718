import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { selectionModeEnum } from './enums';

/**
 * One row (id = 1): the manual's "CONFIGURACION BASICA" plus the operational settings
 * (time zone, idle lock, booking notice and cancel cutoff) the manual implies.
 */
export const centerSettings = pgTable(
  'center_settings',
  {
    id: integer('id').primaryKey().default(1),
    webEnabled: boolean('web_enabled').notNull().default(true),
    centerName: text('center_name').notNull(),
    homePhrase: text('home_phrase').notNull().default(''),
    webAddress: text('web_address').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    contactPhones: text('contact_phones').notNull().default(''),
    contactHours: text('contact_hours').notNull().default(''),
    webUsername: text('web_username').notNull().default('WEB'),
    webAppointmentType: text('web_appointment_type').notNull().default('WEB'),
    selectionMode: selectionModeEnum('selection_mode').notNull().default('specialty'),
    maxPerDaySpecialtyProfessional: integer('max_per_day_specialty_professional').notNull().default(1),
    maxFuturePerIp: integer('max_future_per_ip').notNull().default(8),
    maxFuturePerPatient: integer('max_future_per_patient').notNull().default(4),
    requireReason: boolean('require_reason').notNull().default(false),
    mailPhrase: text('mail_phrase').notNull().default(''),
    timeZone: text('time_zone').notNull().default('America/Argentina/Buenos_Aires'),
    patientIdleMinutes: integer('patient_idle_minutes').notNull().default(10),
    staffIdleMinutes: integer('staff_idle_minutes').notNull().default(60),
    minBookingNoticeHours: integer('min_booking_notice_hours').notNull().default(2),
    cancelCutoffHours: integer('cancel_cutoff_hours').notNull().default(24),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedByStaffId: integer('updated_by_staff_id'),
  },
  (t) => [
    check('center_settings_singleton', sql`${t.id} = 1`),
    check('center_settings_limits_positive', sql`${t.maxPerDaySpecialtyProfessional} >= 1 and ${t.maxFuturePerIp} >= 1 and ${t.maxFuturePerPatient} >= 1`),
    check('center_settings_idle_positive', sql`${t.patientIdleMinutes} >= 1 and ${t.staffIdleMinutes} >= 1`),
    check('center_settings_hours_non_negative', sql`${t.minBookingNoticeHours} >= 0 and ${t.cancelCutoffHours} >= 0`),
  ],
);

export type CenterSettings = typeof centerSettings.$inferSelect;
export type NewCenterSettings = typeof centerSettings.$inferInsert;
