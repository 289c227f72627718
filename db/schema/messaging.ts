import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { batchStatusEnum, channelEnum, messageKindEnum, messageStatusEnum } from './enums';
import { patients, staffUsers } from './people';
import { appointments } from './agenda';

/** "PLANTILLAS": the title is the mail's subject; the body carries [[PLACEHOLDER]] tokens. */
export const messageTemplates = pgTable(
  'message_templates',
  {
    id: serial('id').primaryKey(),
    channel: channelEnum('channel').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    createdByStaffId: integer('created_by_staff_id').references(() => staffUsers.id),
  },
  (t) => [uniqueIndex('message_templates_title_unique').on(t.channel, sql`lower(${t.title})`)],
);

/** Automatic reminders: "48 hours before, by email, template X". */
export const reminderRules = pgTable(
  'reminder_rules',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    channel: channelEnum('channel').notNull(),
    templateId: integer('template_id')
      .notNull()
      .references(() => messageTemplates.id),
    hoursBefore: integer('hours_before').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('reminder_rules_hours', sql`${t.hoursBefore} between 1 and 720`)],
);

/** One "ENVIAR MAIL/SMS" run: the list staff built, then released for sending. */
export const messageBatches = pgTable('message_batches', {
  id: serial('id').primaryKey(),
  channel: channelEnum('channel').notNull(),
  templateId: integer('template_id').references(() => messageTemplates.id),
  filters: jsonb('filters').notNull().default({}),
  status: batchStatusEnum('status').notNull().default('draft'),
  createdByStaffId: integer('created_by_staff_id').references(() => staffUsers.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  releasedAt: timestamp('released_at', { withTimezone: true }),
});

/**
 * The outbox and the send log in one table: every email and SMS is written here in the
 * transaction that causes it and delivered by the worker, which records the result.
 */
export const messages = pgTable(
  'messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    channel: channelEnum('channel').notNull(),
    kind: messageKindEnum('kind').notNull(),
    status: messageStatusEnum('status').notNull().default('pending'),
    batchId: integer('batch_id').references(() => messageBatches.id, { onDelete: 'cascade' }),
    templateId: integer('template_id').references(() => messageTemplates.id),
    reminderRuleId: integer('reminder_rule_id').references(() => reminderRules.id),
    patientId: integer('patient_id').references(() => patients.id),
    appointmentId: bigint('appointment_id', { mode: 'number' }).references(() => appointments.id),
    /** Email address, or a phone number as digits. */
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull().default(''),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html'),
    /** [{ filename, contentType, content (base64) }] */
    attachments: jsonb('attachments'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdByStaffId: integer('created_by_staff_id').references(() => staffUsers.id),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /**
     * Mail sent in one provider request (Resend's batch endpoint): the id of the group's first
     * message, its leader. Set when the group is claimed, before anything is sent, and kept until
     * every member has its result, so a retry repeats the identical request (lib/messaging/worker.ts).
     */
    /**
     * Written without its content (a booking's confirmation: the booking's statement stays small);
     * the worker composes it from the turno before delivering (lib/messaging/compose-awaiting.ts),
     * and the claim skips it until then.
     */
    awaitingContent: boolean('awaiting_content').notNull().default(false),
    deliveryGroup: bigint('delivery_group', { mode: 'number' }).references((): AnyPgColumn => messages.id, {
      onDelete: 'set null',
    }),
  },
  (t) => [
    index('messages_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`status in ('pending', 'sending')`),
    index('messages_created_idx').on(t.createdAt),
    index('messages_batch_idx').on(t.batchId),
    index('messages_appointment_idx').on(t.appointmentId),
    // ENVIAR MAIL/SMS to all patients: "already sent this template to this patient?" (QUIENES, Env).
    index('messages_patient_idx').on(t.patientId),
    index('messages_delivery_group_idx').on(t.deliveryGroup).where(sql`delivery_group is not null`),
    // Each appointment is reminded once per automatic rule, however often the worker runs.
    uniqueIndex('messages_reminder_once')
      .on(t.appointmentId, t.reminderRuleId)
      .where(sql`reminder_rule_id is not null`),
  ],
);

/** CONFIGURACION MAILS / SMS. Secrets (passwords, API keys) are encrypted with a key derived from AUTH_SECRET. */
export const providerSettings = pgTable(
  'provider_settings',
  {
    channel: channelEnum('channel').primaryKey(),
    /** email: 'dev' | 'smtp' | 'resend'; sms: 'dev' | 'smsmasivos' */
    provider: text('provider').notNull().default('dev'),
    /** Non-secret fields: host, port, security, user, sender... */
    config: jsonb('config').notNull().default({}),
    secretEncrypted: text('secret_encrypted'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedByStaffId: integer('updated_by_staff_id').references(() => staffUsers.id),
  },
);

/** Liveness of background workers, for the readiness check. */
export const workerHeartbeats = pgTable('worker_heartbeats', {
  name: text('name').primaryKey(),
  beatAt: timestamp('beat_at', { withTimezone: true }).notNull().defaultNow(),
});

export type MessageTemplate = typeof messageTemplates.$inferSelect;
export type NewMessageTemplate = typeof messageTemplates.$inferInsert;
export type Message = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;
export type MessageBatch = typeof messageBatches.$inferSelect;
export type ReminderRule = typeof reminderRules.$inferSelect;
export type ProviderSettings = typeof providerSettings.$inferSelect;
