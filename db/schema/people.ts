import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { loginScopeEnum, staffRoleEnum, tokenPurposeEnum } from './enums';
import { insurers } from './catalog';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const patients = pgTable(
  'patients',
  {
    id: serial('id').primaryKey(),
    /** Digits only (7-9 of them). */
    dni: text('dni').notNull(),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    birthDate: date('birth_date'),
    /** Phones are stored as digits only. */
    phone: text('phone').notNull().default(''),
    mobile: text('mobile').notNull().default(''),
    email: text('email').notNull().default(''),
    address: text('address').notNull().default(''),
    insurerId: integer('insurer_id').references(() => insurers.id),
    memberNumber: text('member_number').notNull().default(''),
    remindersOptIn: boolean('reminders_opt_in').notNull().default(true),
    notes: text('notes').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('patients_dni_unique').on(t.dni),
    check('patients_dni_digits', sql`${t.dni} ~ '^[0-9]{6,9}$'`),
    check('patients_phone_digits', sql`${t.phone} ~ '^[0-9]*$' and ${t.mobile} ~ '^[0-9]*$'`),
    index('patients_last_name_idx').on(sql`lower(${t.lastName})`, sql`lower(${t.firstName})`),
    index('patients_email_idx').on(sql`lower(${t.email})`),
  ],
);

/** A patient's web user ("paciente web"): the DNI is the login, the password is theirs. */
export const webAccounts = pgTable(
  'web_accounts',
  {
    id: serial('id').primaryKey(),
    patientId: integer('patient_id')
      .notNull()
      .references(() => patients.id, { onDelete: 'cascade' }),
    passwordHash: text('password_hash').notNull(),
    /**
     * Raised by every change of the password (reset, "Mis Datos", staff). A session carries the
     * value it signed in with; pages and actions refuse a session whose value is older, so a
     * password change ends every other session at once (lib/auth/session.ts).
     */
    passwordVersion: integer('password_version').notNull().default(0),
    /** The session (its sid) that made the last password change in "Mis Datos": it stays signed in. */
    passwordChangedBySid: text('password_changed_by_sid'),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    disabled: boolean('disabled').notNull().default(false),
    /** What a disabled patient reads when logging in. */
    disabledObservation: text('disabled_observation').notNull().default(''),
    createdAt: createdAt(),
    createdIp: text('created_ip').notNull().default(''),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('web_accounts_patient_unique').on(t.patientId)],
);

/** Single-use, expiring links (activation, password reset, email change). Only a hash is stored. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => webAccounts.id, { onDelete: 'cascade' }),
    purpose: tokenPurposeEnum('purpose').notNull(),
    tokenHash: text('token_hash').notNull(),
    newEmail: text('new_email'),
    /**
     * Activation of a patient who was already on file: what the registrant typed, applied only
     * once the link (sent to the email on file) proves who they are. See lib/accounts/registration.ts.
     */
    pendingProfile: jsonb('pending_profile'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('account_tokens_hash_unique').on(t.tokenHash)],
);

export const staffUsers = pgTable(
  'staff_users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** As web_accounts.password_version: a password change ends the user's other sessions. */
    passwordVersion: integer('password_version').notNull().default(0),
    /** The session (its sid) that changed its own password: it stays signed in. */
    passwordChangedBySid: text('password_changed_by_sid'),
    role: staffRoleEnum('role').notNull().default('reception'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('staff_users_username_unique').on(sql`lower(${t.username})`)],
);

/** Every sign-in attempt, for throttling per account and per IP across app instances. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    scope: loginScopeEnum('scope').notNull(),
    identifier: text('identifier').notNull(),
    ip: text('ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('login_attempts_identifier_idx').on(t.scope, t.identifier, t.attemptedAt),
    index('login_attempts_ip_idx').on(t.ip, t.attemptedAt),
  ],
);

export type Patient = typeof patients.$inferSelect;
export type NewPatient = typeof patients.$inferInsert;
export type WebAccount = typeof webAccounts.$inferSelect;
export type NewWebAccount = typeof webAccounts.$inferInsert;
export type StaffUser = typeof staffUsers.$inferSelect;
export type NewStaffUser = typeof staffUsers.$inferInsert;
export type StaffRole = StaffUser['role'];
