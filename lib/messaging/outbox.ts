import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { messages, type messageKindEnum } from '@/db/schema';
import {
  invalidEmailError,
  invalidPhoneError,
  isValidEmail,
  isValidPhone,
  normalizeEmail,
  normalizePhone,
} from './recipients';
import type { MessageAttachment } from './transports/types';

/**
 * The outbox (DESIGN.md invariant 6). A message is written by the same transaction as the thing
 * that causes it, so a booking and its confirmation commit (or roll back) together; the worker
 * delivers it afterwards. Nothing here talks to a provider.
 */

export type MessageKind = (typeof messageKindEnum.enumValues)[number];

/**
 * The `next_attempt_at` of a row written awaiting its content (a booking's confirmation, composed
 * by the worker: compose-awaiting.ts), until it is composed. Far in the future, so that no claim
 * finds it due, not even one of a version that does not know `awaiting_content` (an instance not yet
 * replaced during a rolling upgrade, docs/operations.md), which would send it empty.
 */
export const AWAITING_CONTENT_DUE = new Date('3000-01-01T00:00:00.000Z');

interface DraftBase {
  kind: MessageKind;
  recipient: string;
  patientId?: number | null;
  appointmentId?: number | null;
  createdByStaffId?: number | null;
  /** For the reminders module: staff lists are built as 'draft' and released later. */
  status?: 'pending' | 'draft';
  batchId?: number | null;
  templateId?: number | null;
  reminderRuleId?: number | null;
  /** Do not deliver before this instant (default: as soon as the transaction commits). */
  notBefore?: Date;
}

export interface EmailDraft extends DraftBase {
  subject: string;
  bodyText: string;
  bodyHtml?: string | null;
  attachments?: MessageAttachment[];
}

export interface SmsDraft extends DraftBase {
  bodyText: string;
}

export interface EnqueuedMessage {
  id: number;
  /** 'error' when the recipient was invalid: recorded in the send log, never sent, never dropped. */
  status: 'pending' | 'draft' | 'error';
  error: string | null;
}

function commonValues(draft: DraftBase, recipientError: string | null) {
  return {
    kind: draft.kind,
    patientId: draft.patientId ?? null,
    appointmentId: draft.appointmentId ?? null,
    createdByStaffId: draft.createdByStaffId ?? null,
    batchId: draft.batchId ?? null,
    templateId: draft.templateId ?? null,
    reminderRuleId: draft.reminderRuleId ?? null,
    status: recipientError ? ('error' as const) : (draft.status ?? 'pending'),
    error: recipientError,
    ...(draft.notBefore ? { nextAttemptAt: draft.notBefore } : {}),
  };
}

/** The outbox row of an email, for callers that write it inside a statement of their own. */
export function emailRow(draft: EmailDraft) {
  const recipient = normalizeEmail(draft.recipient);
  const recipientError = isValidEmail(recipient) ? null : invalidEmailError(draft.recipient);
  return {
    ...commonValues(draft, recipientError),
    channel: 'email' as const,
    recipient,
    subject: draft.subject,
    bodyText: draft.bodyText,
    bodyHtml: draft.bodyHtml ?? null,
    attachments: draft.attachments?.length ? draft.attachments : null,
  };
}

function smsRow(draft: SmsDraft) {
  const valid = isValidPhone(draft.recipient);
  return {
    ...commonValues(draft, valid ? null : invalidPhoneError(draft.recipient)),
    channel: 'sms' as const,
    // An invalid number is stored as typed, so the send log shows what was wrong.
    recipient: valid ? normalizePhone(draft.recipient) : draft.recipient.trim(),
    bodyText: draft.bodyText,
  };
}

const returned = { id: messages.id, status: messages.status, error: messages.error };

export async function enqueueEmail(tx: DbOrTx, draft: EmailDraft): Promise<EnqueuedMessage> {
  const [row] = await tx.insert(messages).values(emailRow(draft)).returning(returned);
  return row as EnqueuedMessage;
}

export async function enqueueSms(tx: DbOrTx, draft: SmsDraft): Promise<EnqueuedMessage> {
  const [row] = await tx.insert(messages).values(smsRow(draft)).returning(returned);
  return row as EnqueuedMessage;
}

export type ChannelDraft = ({ channel: 'email' } & EmailDraft) | ({ channel: 'sms' } & SmsDraft);

/** Rows per INSERT: a few MB of JSON per statement at most. */
const MANY_CHUNK = 1000;

/**
 * Many messages at once (a list of ENVIAR MAIL/SMS: thousands), with the same normalisation and
 * recipient checks as one at a time. The rows travel as one JSON parameter per chunk and are
 * unpacked by PostgreSQL (json_to_recordset): a statement with tens of thousands of bound
 * parameters would cost more to build and parse than to write. Returns how many were written.
 */
export async function enqueueMany(tx: DbOrTx, drafts: ChannelDraft[]): Promise<number> {
  for (let i = 0; i < drafts.length; i += MANY_CHUNK) {
    const rows = drafts.slice(i, i + MANY_CHUNK).map((d) => {
      const row = d.channel === 'email' ? emailRow(d) : { ...smsRow(d), subject: '', bodyHtml: null, attachments: null };
      return {
        channel: row.channel,
        kind: row.kind,
        status: row.status,
        batch_id: row.batchId,
        template_id: row.templateId,
        reminder_rule_id: row.reminderRuleId,
        patient_id: row.patientId,
        appointment_id: row.appointmentId,
        created_by_staff_id: row.createdByStaffId,
        recipient: row.recipient,
        subject: row.subject,
        body_text: row.bodyText,
        body_html: row.bodyHtml,
        attachments: row.attachments,
        error: row.error,
        next_attempt_at: 'nextAttemptAt' in row ? (row.nextAttemptAt as Date).toISOString() : null,
      };
    });
    await tx.execute(sql`
      insert into messages (channel, kind, status, batch_id, template_id, reminder_rule_id, patient_id, appointment_id,
                            created_by_staff_id, recipient, subject, body_text, body_html, attachments, error, next_attempt_at)
      select channel, kind, status, batch_id, template_id, reminder_rule_id, patient_id, appointment_id,
             created_by_staff_id, recipient, subject, body_text, body_html, attachments, error, coalesce(next_attempt_at, now())
      from json_to_recordset(${JSON.stringify(rows)}::json) as r(
        channel message_channel, kind message_kind, status message_status, batch_id integer, template_id integer,
        reminder_rule_id integer, patient_id integer, appointment_id bigint, created_by_staff_id integer, recipient text,
        subject text, body_text text, body_html text, attachments jsonb, error text, next_attempt_at timestamptz)`);
  }
  return drafts.length;
}
