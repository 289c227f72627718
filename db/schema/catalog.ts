import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const specialties = pgTable(
  'specialties',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    webEnabled: boolean('web_enabled').notNull().default(false),
    /** How patients see it on the web; falls back to `name` when empty. */
    webName: text('web_name').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('specialties_name_unique').on(sql`lower(${t.name})`)],
);

export const professionals = pgTable(
  'professionals',
  {
    id: serial('id').primaryKey(),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    license: text('license').notNull().default(''),
    email: text('email').notNull().default(''),
    active: boolean('active').notNull().default(true),
    webEnabled: boolean('web_enabled').notNull().default(false),
    /** Shown before the agenda; the patient must acknowledge it. */
    generalMessage: text('general_message').notNull().default(''),
    /** Shown after each web booking with this professional. */
    bookingMessage: text('booking_message').notNull().default(''),
    maxDaysAhead: integer('max_days_ahead').notNull().default(30),
    createdAt: createdAt(),
  },
  (t) => [check('professionals_max_days_ahead', sql`${t.maxDaysAhead} between 1 and 730`)],
);

export const professionalSpecialties = pgTable(
  'professional_specialties',
  {
    professionalId: integer('professional_id')
      .notNull()
      .references(() => professionals.id, { onDelete: 'cascade' }),
    specialtyId: integer('specialty_id')
      .notNull()
      .references(() => specialties.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.professionalId, t.specialtyId] })],
);

/** "ABM Estudios": what a patient books in study mode, with its preparation indication. */
export const studies = pgTable(
  'studies',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    indication: text('indication').notNull().default(''),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('studies_name_unique').on(sql`lower(${t.name})`)],
);

export const professionalStudies = pgTable(
  'professional_studies',
  {
    professionalId: integer('professional_id')
      .notNull()
      .references(() => professionals.id, { onDelete: 'cascade' }),
    studyId: integer('study_id')
      .notNull()
      .references(() => studies.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.professionalId, t.studyId] })],
);

/** Obras sociales / prepagas. "PARTICULAR" is the insurer of patients without one. */
export const insurers = pgTable(
  'insurers',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    /** false = "dada de baja": kept for history, offered nowhere. */
    active: boolean('active').notNull().default(true),
    webEnabled: boolean('web_enabled').notNull().default(false),
    webName: text('web_name').notNull().default(''),
    /** Shown in the portal's list of insurers. */
    generalMessage: text('general_message').notNull().default(''),
    /** Shown after each web booking by a patient of this insurer. */
    bookingMessage: text('booking_message').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('insurers_name_unique').on(sql`lower(${t.name})`)],
);

export type Specialty = typeof specialties.$inferSelect;
export type NewSpecialty = typeof specialties.$inferInsert;
export type Professional = typeof professionals.$inferSelect;
export type NewProfessional = typeof professionals.$inferInsert;
export type Study = typeof studies.$inferSelect;
export type NewStudy = typeof studies.$inferInsert;
export type Insurer = typeof insurers.$inferSelect;
export type NewInsurer = typeof insurers.$inferInsert;
