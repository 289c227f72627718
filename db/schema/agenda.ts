import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  serial,
  smallint,
  text,
  time,
  timestamp,
} from 'drizzle-orm/pg-core';
import {
  appointmentSourceEnum,
  appointmentStatusEnum,
  cancelOriginEnum,
} from './enums';
import { insurers, professionals, specialties, studies } from './catalog';
import { patients, staffUsers } from './people';

/**
 * A weekly rule of a professional's agenda: on `weekday` (ISO: 1 = Monday ... 7 = Sunday),
 * from `startTime` to `endTime` (center's local time), slots of `slotMinutes`,
 * while the date is within [validFrom, validTo]. It may serve one specialty or study.
 */
export const schedules = pgTable(
  'schedules',
  {
    id: serial('id').primaryKey(),
    professionalId: integer('professional_id')
      .notNull()
      .references(() => professionals.id, { onDelete: 'cascade' }),
    weekday: smallint('weekday').notNull(),
    startTime: time('start_time').notNull(),
    endTime: time('end_time').notNull(),
    slotMinutes: integer('slot_minutes').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    specialtyId: integer('specialty_id').references(() => specialties.id),
    studyId: integer('study_id').references(() => studies.id),
    webEnabled: boolean('web_enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('schedules_professional_idx').on(t.professionalId),
    check('schedules_weekday_iso', sql`${t.weekday} between 1 and 7`),
    check('schedules_time_order', sql`${t.endTime} > ${t.startTime}`),
    check('schedules_slot_minutes', sql`${t.slotMinutes} between 5 and 480`),
    check('schedules_valid_order', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

/**
 * Days (or part of days) when nobody books: a holiday for the whole center
 * (`professionalId` null) or a professional's absence.
 */
export const scheduleExceptions = pgTable(
  'schedule_exceptions',
  {
    id: serial('id').primaryKey(),
    professionalId: integer('professional_id').references(() => professionals.id, {
      onDelete: 'cascade',
    }),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** Both null = the whole day(s). */
    startTime: time('start_time'),
    endTime: time('end_time'),
    reason: text('reason').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdByStaffId: integer('created_by_staff_id').references(() => staffUsers.id),
  },
  (t) => [
    index('schedule_exceptions_range_idx').on(t.startsOn, t.endsOn),
    check('schedule_exceptions_date_order', sql`${t.endsOn} >= ${t.startsOn}`),
    check(
      'schedule_exceptions_times',
      sql`(${t.startTime} is null and ${t.endTime} is null) or (${t.startTime} is not null and ${t.endTime} is not null and ${t.endTime} > ${t.startTime})`,
    ),
  ],
);

/**
 * A turno. Times are UTC instants. The no-double-booking rule is an exclusion constraint
 * (migration 0001_appointments_no_overlap.sql) over [starts_at, ends_at) per professional,
 * ignoring cancelled, deleted and explicitly overbooked rows.
 */
export const appointments = pgTable(
  'appointments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    professionalId: integer('professional_id')
      .notNull()
      .references(() => professionals.id),
    specialtyId: integer('specialty_id').references(() => specialties.id),
    studyId: integer('study_id').references(() => studies.id),
    patientId: integer('patient_id')
      .notNull()
      .references(() => patients.id),
    insurerId: integer('insurer_id').references(() => insurers.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: appointmentStatusEnum('status').notNull().default('reserved'),
    source: appointmentSourceEnum('source').notNull(),
    reason: text('reason').notNull().default(''),
    overbooked: boolean('overbooked').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdByStaffId: integer('created_by_staff_id').references(() => staffUsers.id),
    createdIp: text('created_ip').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledByStaffId: integer('cancelled_by_staff_id').references(() => staffUsers.id),
    cancelOrigin: cancelOriginEnum('cancel_origin'),
    /** When a patient moves a turno, the new one points at the one it replaced. */
    rescheduledFromId: bigint('rescheduled_from_id', { mode: 'number' }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedByStaffId: integer('deleted_by_staff_id').references(() => staffUsers.id),
  },
  (t) => [
    check('appointments_time_order', sql`${t.endsAt} > ${t.startsAt}`),
    check(
      'appointments_cancel_consistency',
      sql`(${t.status} = 'cancelled') = (${t.cancelledAt} is not null)`,
    ),
    // The agenda read: a week of many professionals. Partial + covering, per STACK.md.
    index('appointments_live_starts_at_idx')
      .on(t.startsAt, t.professionalId, t.endsAt)
      .where(sql`status <> 'cancelled' and deleted_at is null`),
    index('appointments_patient_idx').on(t.patientId, t.startsAt),
    index('appointments_professional_idx').on(t.professionalId, t.startsAt),
    // "Listado de Turnos dados por Sistema Web" (lib/appointments/web-listing.ts): keyset pages in
    // (created_at, id) or (starts_at, id) order, and the filters that can be rare (a professional,
    // an insurer, a specialty) lead their own index so a rare value never walks the whole list.
    index('appointments_web_created_idx')
      .on(t.createdAt, t.id)
      .where(sql`source = 'web' and deleted_at is null`),
    index('appointments_web_starts_idx')
      .on(t.startsAt, t.id)
      .where(sql`source = 'web' and deleted_at is null`),
    index('appointments_web_professional_idx')
      .on(t.professionalId, t.startsAt, t.id)
      .where(sql`source = 'web' and deleted_at is null`),
    index('appointments_web_insurer_idx')
      .on(t.insurerId, t.createdAt, t.id)
      .where(sql`source = 'web' and deleted_at is null`),
    index('appointments_web_specialty_idx')
      .on(t.specialtyId, t.createdAt, t.id)
      .where(sql`source = 'web' and deleted_at is null`),
    index('appointments_ip_idx')
      .on(t.createdIp, t.startsAt)
      .where(sql`status <> 'cancelled' and deleted_at is null`),
  ],
);

export type Schedule = typeof schedules.$inferSelect;
export type NewSchedule = typeof schedules.$inferInsert;
export type ScheduleException = typeof scheduleExceptions.$inferSelect;
export type NewScheduleException = typeof scheduleExceptions.$inferInsert;
export type Appointment = typeof appointments.$inferSelect;
export type NewAppointment = typeof appointments.$inferInsert;
export type AppointmentStatus = Appointment['status'];

/**
 * One row: a token that changes whenever anything a booking's slot check depends on changes (the
 * center's settings, professionals and what they offer, specialties, studies, weekly rules,
 * closures). Statement-level triggers (migration 0006) set a fresh random token, so a process may
 * keep those rows in memory and prove them current inside the booking's transaction with one
 * comparison (lib/booking/agenda-snapshot.ts). Random, not a counter: a restored backup or a
 * re-seeded database can never bring back a token a cache already holds.
 */
export const agendaVersion = pgTable(
  'agenda_version',
  {
    id: smallint('id').primaryKey().default(1),
    token: text('token').notNull(),
  },
  (t) => [check('agenda_version_single_row', sql`${t.id} = 1`)],
);
